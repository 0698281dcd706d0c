using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// <c>POST /api/portal/dev/sign-in</c> and <c>sign-out</c>: the local sign-in, only in development mode. It sets a
/// cookie that becomes the <c>X-MS-CLIENT-PRINCIPAL</c> header, so the rest is the code that runs in Azure. In any
/// other mode the functions answer 404, as routes that do not exist.
/// </summary>
public sealed class DevelopmentSignInFunction(IOptions<AuthOptions> auth)
{
    [Function("DevSignIn")]
    public async Task<IResult> SignInAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/dev/sign-in")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (auth.Value.Mode != AuthMode.Development)
        {
            return Results.NotFound();
        }

        DevelopmentSignIn? signIn;
        try
        {
            signIn = await request.ReadFromJsonAsync<DevelopmentSignIn>(cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "The request body cannot be read.", "Send {\"name\": ..., \"roles\": [...]} as JSON.");
        }

        var name = signIn?.Name?.Trim();
        var roles = (signIn?.Roles ?? []).Where(r => r is StaffRoles.Agent or StaffRoles.Supervisor).Distinct().ToList();
        // Every error at once, in the language the page asked in.
        var language = RequestLanguage.Of(request);
        List<ValidationError> errors = [];
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new ValidationError("name", DeskMessages.Format(language, "user-name")));
        }
        else if (name.Length > 200)
        {
            errors.Add(new ValidationError("name", DeskMessages.Format(language, "too-long", 200)));
        }

        if (roles.Count == 0)
        {
            errors.Add(new ValidationError("roles", DeskMessages.Format(language, "roles")));
        }

        if (errors.Count > 0 || name is null)
        {
            return Problems.Validation(errors, "The sign-in form has errors.");
        }

        request.HttpContext.Response.Cookies.Append(PortalIdentity.DevelopmentCookie, ClientPrincipal.For(name, roles).Encode(),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return Results.NoContent();
    }

    [Function("DevSignOut")]
    public IResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/dev/sign-out")] HttpRequest request)
    {
        if (auth.Value.Mode != AuthMode.Development)
        {
            return Results.NotFound();
        }

        request.HttpContext.Response.Cookies.Delete(PortalIdentity.DevelopmentCookie, new CookieOptions { Path = "/" });
        return Results.NoContent();
    }
}
