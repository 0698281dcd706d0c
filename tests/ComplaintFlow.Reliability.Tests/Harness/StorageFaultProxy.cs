using System.Collections.Concurrent;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.Http;

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
/// Azurite behind a <see cref="StorageProxy"/> that, for a seeded share of requests, answers 500 or 503, stalls past
/// the client's timeout, or resets the connection, either before forwarding or after Azurite has done the work (a
/// committed write the client sees as failed, whose retry then meets 409 or 412).
/// </summary>
public sealed class StorageFaultProxy : IAsyncDisposable
{
    private static readonly StorageFault[] Kinds = [.. Enum.GetValues<StorageFault>().Where(k => k != StorageFault.None)];

    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly TimeSpan _stall;
    private StorageProxy? _proxy;

    private StorageFaultProxy(int seed, TimeSpan stall)
    {
        _random = new Random(seed);
        _stall = stall;
    }

    /// <summary>The share of requests spoiled while <see cref="Enabled"/> (0..1).</summary>
    public double Rate { get; set; }

    public bool Enabled { get; set; }

    /// <summary>How many requests got each fault.</summary>
    public ConcurrentDictionary<StorageFault, int> Counts { get; } = new();

    public int Requests => Counts.Values.Sum();

    public string ConnectionString => _proxy!.ConnectionString;

    /// <param name="stall">How long a stalled request hangs before its connection is cut: longer than the client's timeout.</param>
    public static async Task<StorageFaultProxy> StartAsync(Azurite azurite, int seed, TimeSpan stall)
    {
        var faults = new StorageFaultProxy(seed, stall);
        faults._proxy = await StorageProxy.StartAsync(azurite, faults.RelayAsync);
        return faults;
    }

    private StorageFault Next()
    {
        lock (_lock)
        {
            return Enabled && _random.NextDouble() < Rate ? Kinds[_random.Next(Kinds.Length)] : StorageFault.None;
        }
    }

    private async Task<HttpResponseMessage?> RelayAsync(HttpContext context, StorageService service, Func<Task<HttpResponseMessage>> forward)
    {
        var fault = Next();
        Counts.AddOrUpdate(fault, 1, (_, n) => n + 1);
        switch (fault)
        {
            case StorageFault.Status500Before or StorageFault.Status503Before:
                context.Response.StatusCode = fault == StorageFault.Status500Before ? 500 : 503;
                return null;
            case StorageFault.ResetBefore:
                context.Abort();
                return null;
            case StorageFault.StallBefore:
                await StallAsync(context);
                return null;
        }

        var response = await forward();
        switch (fault)
        {
            case StorageFault.Status500After:
                response.Dispose();
                context.Response.StatusCode = 500;
                return null;
            case StorageFault.ResetAfter:
                response.Dispose();
                context.Abort();
                return null;
            case StorageFault.StallAfter:
                response.Dispose();
                await StallAsync(context);
                return null;
        }

        return response;
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
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}
