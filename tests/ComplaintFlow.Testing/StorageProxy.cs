using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Testing;

public enum StorageService
{
    Blob,
    Queue,
    Table,
}

/// <summary>
/// An HTTP proxy in front of Azurite's blob, queue and table ports, for what must see every storage request of
/// processes the test does not own (the local Functions host and its worker): the fault tests spoil requests, the
/// benchmark counts them. A <see cref="Relay"/> decides each request's fate.
/// </summary>
public sealed class StorageProxy : IAsyncDisposable
{
    /// <summary>
    /// Handles one request. <paramref name="forward"/> has Azurite do it and returns its answer (body read whole).
    /// Return the answer to relay to the client, or null when the relay answered (or aborted) the request itself.
    /// </summary>
    public delegate Task<HttpResponseMessage?> Relay(HttpContext context, StorageService service, Func<Task<HttpResponseMessage>> forward);

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Expect", "Content-Length" };

    private readonly WebApplication _proxy;
    private readonly Relay _relay;
    // Node closes a keep-alive connection after 5 s idle (Azurite keeps the default): a pooled connection reused at
    // that moment is reset, the request fails here and the client's SDK retries after a back-off, which the fault
    // tests would read as a fault and the benchmark as latency. Idle connections are dropped well before Node does.
    private readonly HttpClient _forward = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
    })
    { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<int, (StorageService Service, int Port)> _targets = [];

    private StorageProxy(WebApplication proxy, Relay relay)
    {
        _proxy = proxy;
        _relay = relay;
    }

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public static async Task<StorageProxy> StartAsync(Azurite azurite, Relay relay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0", "http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var proxy = new StorageProxy(app, relay);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();

        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToArray();
        (proxy.BlobPort, proxy.QueuePort, proxy.TablePort) = (ports[0], ports[1], ports[2]);
        proxy._targets[ports[0]] = (StorageService.Blob, azurite.BlobPort);
        proxy._targets[ports[1]] = (StorageService.Queue, azurite.QueuePort);
        proxy._targets[ports[2]] = (StorageService.Table, azurite.TablePort);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (service, port) = _targets[context.Connection.LocalPort];
        var aborted = context.RequestAborted;
        using var response = await _relay(context, service, async () =>
        {
            using var request = await ForwardedRequestAsync(context, port, aborted);
            return await _forward.SendAsync(request, HttpCompletionOption.ResponseContentRead, aborted);
        });
        if (response is null)
        {
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        context.Response.Headers.Remove("Transfer-Encoding");
        var content = await response.Content.ReadAsByteArrayAsync(aborted);
        if (content.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(content, aborted);
        }
    }

    private static async Task<HttpRequestMessage> ForwardedRequestAsync(HttpContext context, int port, CancellationToken cancellationToken)
    {
        // The raw target, byte for byte: the shared-key signature covers the path as the client escaped it.
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri($"http://127.0.0.1:{port}{target}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > 0 || context.Request.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var header in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync();
        await _proxy.DisposeAsync();
        _forward.Dispose();
    }
}
