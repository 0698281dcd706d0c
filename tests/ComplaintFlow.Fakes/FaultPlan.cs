using System.Collections.Concurrent;

namespace ComplaintFlow.Fakes;

/// <summary>Failures a fake will answer with before it behaves again: status codes, Retry-After, slowness.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentQueue<Fault> _faults = new();

    public sealed record Fault(int Status, int? RetryAfterSeconds = null, int DelayMilliseconds = 0);

    public void Add(Fault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public void Clear() => _faults.Clear();

    public bool TryTake(out Fault fault) => _faults.TryDequeue(out fault!);

    /// <summary>Answers the next planned fault, if any; returns true when the request was answered.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, string errorJson)
    {
        if (!TryTake(out var fault))
        {
            return false;
        }

        if (fault.DelayMilliseconds > 0)
        {
            await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
        }

        if (fault.Status == 0)
        {
            // Status 0 means "hang up": the client sees a dropped connection.
            context.Abort();
            return true;
        }

        context.Response.StatusCode = fault.Status;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(errorJson, context.RequestAborted);
        return true;
    }
}
