using ComplaintFlow.Functions.Auth;

namespace ComplaintFlow.Functions.Web;

/// <summary>
/// What runs in the worker's ASP.NET Core pipeline before the function endpoints: the security headers every
/// response carries and the staff identity. Nothing here may answer a request itself: the host has already started
/// the function's invocation and waits for the function to take the request.
/// </summary>
public sealed class WebPipeline : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseSecurityHeaders();
        app.UsePortalIdentity();
        next(app);
    };
}
