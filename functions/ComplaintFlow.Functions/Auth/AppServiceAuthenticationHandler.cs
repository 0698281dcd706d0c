using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// Authenticates from <c>X-MS-CLIENT-PRINCIPAL</c>. In Azure the platform strips any such header a client sends and
/// sets its own after signing the user in, so the header is trusted as is; locally (<c>Auth:Mode=Development</c>) the
/// sign-in page's cookie is turned into the same header before this handler runs.
/// </summary>
public sealed class AppServiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[ClientPrincipal.Header].FirstOrDefault();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = ClientPrincipal.Decode(header);
        if (principal is null)
        {
            return Task.FromResult(AuthenticateResult.Fail($"{ClientPrincipal.Header} is not base64 JSON of a client principal."));
        }

        var claims = principal.ToClaimsPrincipal();
        return Task.FromResult(string.IsNullOrEmpty(claims.Identity?.Name)
            ? AuthenticateResult.Fail($"{ClientPrincipal.Header} has no name claim.")
            : AuthenticateResult.Success(new AuthenticationTicket(claims, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Sign in required.", "Sign in to the portal as a member of the complaints desk.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed.", "Your role does not allow this; it needs a supervisor.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5." + (status == 401 ? "2" : "4"), title, status, detail },
            options: null,
            contentType: "application/problem+json");
    }
}
