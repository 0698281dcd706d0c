using System.Collections.Concurrent;
using System.Reflection;
using ComplaintFlow.Functions.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// Who may call a desk function: a signed-in agent or supervisor (<see cref="PortalIdentity.AgentPolicy"/>) or
/// supervisors only; <see cref="ChangesState"/> also asks for the anti-forgery token the portal page was given. On a
/// class it covers every function of the class; on a method it replaces the class's rule.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class DeskAccessAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
    public bool ChangesState { get; init; }
}

/// <summary>
/// Checks <see cref="DeskAccessAttribute"/> before a function runs. It is worker middleware, not ASP.NET Core
/// authorization: the worker's HTTP endpoints are the functions themselves, so there is no endpoint metadata to hang
/// a policy on, and a refusal must still complete the function's invocation (the host is waiting for it).
/// </summary>
public sealed class DeskAccessMiddleware(IAuthorizationService authorization, IAntiforgery antiforgery) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, DeskAccessAttribute?> Rules = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var rule = Rules.GetOrAdd(context.FunctionDefinition.EntryPoint, RuleOf);
        if (rule is not null && context.GetHttpContext() is { } http && await RefusalAsync(http, rule) is { } refusal)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }

        await next(context);
    }

    private async Task<IResult?> RefusalAsync(HttpContext http, DeskAccessAttribute rule)
    {
        if (!(await authorization.AuthorizeAsync(http.User, rule.Policy)).Succeeded)
        {
            // The authentication handler writes the problem+json for both (401 signed out, 403 wrong role).
            return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
        }

        if (rule.ChangesState)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "Missing or invalid anti-forgery token.",
                    "Reload the portal page: state changes need the X-CSRF-TOKEN header it was given.");
            }
        }

        return null;
    }

    /// <summary>The rule of a function's entry point (<c>Namespace.Class.Method</c>), read once.</summary>
    private static DeskAccessAttribute? RuleOf(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        var type = typeof(DeskAccessMiddleware).Assembly.GetType(entryPoint[..dot]);
        var method = type?.GetMethods().FirstOrDefault(m => m.Name == entryPoint[(dot + 1)..]);
        return method?.GetCustomAttribute<DeskAccessAttribute>() ?? type?.GetCustomAttribute<DeskAccessAttribute>();
    }
}
