using ComplaintFlow.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// Refuses, on every route, a request whose <c>X-MS-CLIENT-PRINCIPAL</c> cannot be read (in development, the sign-in
/// cookie it is made from): 401 with problem+json. In Azure the platform writes this header, so a malformed one is a
/// forgery or a broken front end, and neither is a caller to serve as anonymous. Worker middleware, like
/// <see cref="DeskAccessMiddleware"/>: the answer must complete the function's invocation, and the ASP.NET Core
/// pipeline has set the security headers by then.
/// </summary>
public sealed class ClientPrincipalMiddleware : IFunctionsWorkerMiddleware
{
    /// <summary>Signing in or out again replaces a damaged development cookie, so those two must still be reachable.</summary>
    private static readonly string[] Exempt = ["DevSignIn", "DevSignOut"];

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!Exempt.Contains(context.FunctionDefinition.Name)
            && context.GetHttpContext() is { } http
            && http.Request.Headers.ContainsKey(ClientPrincipal.Header)
            && (await http.AuthenticateAsync(AppServiceAuthenticationHandler.SchemeName)).Failure is { } failure)
        {
            context.GetInvocationResult().Value = Problems.Of(StatusCodes.Status401Unauthorized, "Sign in required.",
                failure.Message + " Sign in to the portal again.");
            return;
        }

        await next(context);
    }
}
