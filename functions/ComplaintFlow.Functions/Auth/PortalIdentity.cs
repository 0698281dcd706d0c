using System.Security.Claims;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>Staff identity: who is signed in, their roles, and the development sign-in.</summary>
public static class PortalIdentity
{
    public const string AgentPolicy = "agent";
    public const string SupervisorPolicy = "supervisor";
    public const string DevelopmentCookie = "cf-dev-principal";

    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(AppServiceAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServiceAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AgentPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Agent, StaffRoles.Supervisor))
            .AddPolicy(SupervisorPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Supervisor));
        BlobKeyRing.AddBlobKeyRing(services, configuration);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "cf-portal-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>
    /// Authentication for the portal (authorization is <see cref="DeskAccessMiddleware"/>'s). In development mode the sign-in cookie becomes the
    /// <c>X-MS-CLIENT-PRINCIPAL</c> header first, so everything after this point is the code that runs in Azure.
    /// </summary>
    public static IApplicationBuilder UsePortalIdentity(this IApplicationBuilder app)
    {
        var mode = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.Mode;
        if (mode == AuthMode.Development)
        {
            app.Use(async (context, next) =>
            {
                if (!context.Request.Headers.ContainsKey(ClientPrincipal.Header)
                    && context.Request.Cookies.TryGetValue(DevelopmentCookie, out var principal))
                {
                    context.Request.Headers[ClientPrincipal.Header] = principal;
                }

                await next(context);
            });
        }

        app.UseAuthentication();
        return app;
    }

    public static StaffMember StaffOf(ClaimsPrincipal user, HttpRequest request)
    {
        var id = user.Identity?.Name ?? throw new InvalidOperationException("The portal user has no name.");
        return new StaffMember(id, user.FindFirst("name")?.Value ?? id, user.IsInRole(StaffRoles.Supervisor))
        {
            Language = RequestLanguage.Of(request),
        };
    }
}

public sealed record DevelopmentSignIn(string? Name, IReadOnlyList<string>? Roles);
