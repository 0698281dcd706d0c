using System.Collections.Concurrent;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Reliability.Tests.Harness;

/// <summary>How a request is spoiled. "After" faults forward it first: the write happened, only its answer is lost.</summary>
public enum StorageFault
{
    None,
    Status500Before,
    Status503Before,
    StallBefore,
    ResetBefore,
    Status500After,
    StallAfter,
    ResetAfter,
}

/// <summary>
/// An HTTP proxy in front of Azurite's blob, queue and table ports. For a seeded share of requests it answers 500 or
/// 503, stalls past the client's timeout, or resets the connection, either before forwarding or after Azurite has
/// done the work (a committed write the client sees as failed, whose retry then meets 409 or 412).
/// </summary>
public sealed class StorageFaultProxy : IAsyncDisposable
{
    private static readonly StorageFault[] Kinds = [.. Enum.GetValues<StorageFault>().Where(k => k != StorageFault.None)];
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Expect", "Content-Length" };

    private readonly WebApplication _proxy;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly TimeSpan _stall;
    private readonly Dictionary<int, int> _targets = [];

    private StorageFaultProxy(WebApplication proxy, int seed, TimeSpan stall)
    {
        _proxy = proxy;
        _random = new Random(seed);
        _stall = stall;
    }

    /// <summary>The share of requests spoiled while <see cref="Enabled"/> (0..1).</summary>
    public double Rate { get; set; }

    public bool Enabled { get; set; }

    /// <summary>How many requests got each fault.</summary>
    public ConcurrentDictionary<StorageFault, int> Counts { get; } = new();

    public int Requests => Counts.Values.Sum();

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="stall">How long a stalled request hangs before its connection is cut: longer than the client's timeout.</param>
    public static async Task<StorageFaultProxy> StartAsync(Azurite azurite, int seed, TimeSpan stall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0", "http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var proxy = new StorageFaultProxy(app, seed, stall);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();

        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToArray();
        (proxy.BlobPort, proxy.QueuePort, proxy.TablePort) = (ports[0], ports[1], ports[2]);
        proxy._targets[ports[0]] = azurite.BlobPort;
        proxy._targets[ports[1]] = azurite.QueuePort;
        proxy._targets[ports[2]] = azurite.TablePort;
        return proxy;
    }

    private StorageFault Next()
    {
        lock (_lock)
        {
            return Enabled && _random.NextDouble() < Rate ? Kinds[_random.Next(Kinds.Length)] : StorageFault.None;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var fault = Next();
        Counts.AddOrUpdate(fault, 1, (_, n) => n + 1);
        var aborted = context.RequestAborted;
        switch (fault)
        {
            case StorageFault.Status500Before or StorageFault.Status503Before:
                context.Response.StatusCode = fault == StorageFault.Status500Before ? 500 : 503;
                return;
            case StorageFault.ResetBefore:
                context.Abort();
                return;
            case StorageFault.StallBefore:
                await StallAsync(context);
                return;
        }

        using var request = await ForwardedRequestAsync(context, aborted);
        using var response = await _forward.SendAsync(request, HttpCompletionOption.ResponseContentRead, aborted);
        switch (fault)
        {
            case StorageFault.Status500After:
                context.Response.StatusCode = 500;
                return;
            case StorageFault.ResetAfter:
                context.Abort();
                return;
            case StorageFault.StallAfter:
                await StallAsync(context);
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

    private async Task<HttpRequestMessage> ForwardedRequestAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var port = _targets[context.Connection.LocalPort];
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

    private async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(_stall, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first, as intended.
        }

        context.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync();
        await _proxy.DisposeAsync();
        _forward.Dispose();
    }
}
