using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ComplaintFlow.Functions.Http;

/// <summary>
/// The query parameters that carry personal data or a secret (<c>contact</c> of the status lookup, <c>key</c> of the
/// webhooks, <c>q</c> of the desk's search: a phone number, an address, a name), taken out of the request URL as the server hands the request over, before ASP.NET Core's request log,
/// OpenTelemetry's <c>url.query</c> or any middleware sees it: whatever is logged about a request never holds them.
/// Endpoints read them with <see cref="Of"/>.
/// </summary>
public sealed class QuerySecrets(Dictionary<string, StringValues> values)
{
    private readonly Dictionary<string, StringValues> _values = values;
    private static readonly HashSet<string> Names = new(["contact", "key", "q"], StringComparer.OrdinalIgnoreCase);

    public static string? Of(HttpRequest request, string name) =>
        request.HttpContext.Features.Get<QuerySecrets>()?._values.GetValueOrDefault(name).FirstOrDefault();

    /// <summary>Replaces the server so every request passes through <see cref="MoveOutOfUrl"/> first.</summary>
    public static IServiceCollection AddQuerySecrets(IServiceCollection services)
    {
        var server = services.Last(d => d.ServiceType == typeof(IServer));
        services.Remove(server);
        services.AddSingleton<IServer>(sp => new Server(server.ImplementationInstance as IServer
            ?? server.ImplementationFactory?.Invoke(sp) as IServer
            ?? (IServer)ActivatorUtilities.CreateInstance(sp, server.ImplementationType!)));
        return services;
    }

    private static void MoveOutOfUrl(IFeatureCollection features)
    {
        if (features.Get<IHttpRequestFeature>() is not { QueryString.Length: > 1 } request)
        {
            return;
        }

        var query = QueryHelpers.ParseQuery(request.QueryString);
        if (!query.Keys.Any(Names.Contains))
        {
            return;
        }

        var kept = QueryString.Create(query.Where(p => !Names.Contains(p.Key)).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))).ToUriComponent();
        features.Set(new QuerySecrets(query.Where(p => Names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase)));
        request.QueryString = kept;
        request.RawTarget = request.RawTarget.Split('?')[0] + kept;
    }

    private sealed class Server(IServer inner) : IServer
    {
        public IFeatureCollection Features => inner.Features;

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => inner.StartAsync(new Application<TContext>(application), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    private sealed class Application<TContext>(IHttpApplication<TContext> inner) : IHttpApplication<TContext>
        where TContext : notnull
    {
        public TContext CreateContext(IFeatureCollection contextFeatures)
        {
            MoveOutOfUrl(contextFeatures);
            return inner.CreateContext(contextFeatures);
        }

        public Task ProcessRequestAsync(TContext context) => inner.ProcessRequestAsync(context);

        public void DisposeContext(TContext context, Exception? exception) => inner.DisposeContext(context, exception);
    }
}
