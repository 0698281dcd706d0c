using System.Collections.Concurrent;
using System.Diagnostics;
using ComplaintFlow.Bench.Load.Generation;

namespace ComplaintFlow.Bench.Load.Load;

/// <summary>What a sending window produced: every submission, and how long the window really lasted.</summary>
internal sealed record SendWindow(IReadOnlyList<Submission> Submissions, DateTimeOffset StartedAt, TimeSpan Elapsed, int Concurrency, double? TargetRate)
{
    public int Accepted => Submissions.Count(s => s.Accepted);
    public double AcceptedPerSecond => Accepted / Elapsed.TotalSeconds;
}

/// <summary>Drives the app at a fixed rate (open loop) or as fast as it answers (closed loop), for a bounded time.</summary>
internal sealed class LoadGenerator(ComplaintGenerator complaints, ComplaintSender sender)
{
    /// <summary>
    /// <paramref name="concurrency"/> senders, each sending its next complaint as soon as the previous one is
    /// answered: the most the app accepts with that many clients.
    /// </summary>
    public async Task<SendWindow> MaxRateAsync(int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<Submission>();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var complaint = complaints.Next();
                results.Add(await sender.SendAsync(complaint, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp(), cancellationToken));
            }
        }, cancellationToken));
        await Task.WhenAll(senders);
        return new SendWindow([.. results.OrderBy(s => s.SubmittedAt)], startedAt, clock.Elapsed, concurrency, null);
    }

    /// <summary>
    /// Sends at <paramref name="rate"/> per second whatever the answers do. Latency counts from the moment a
    /// complaint was due to be sent, so a sender held back by the in-flight cap still shows the wait.
    /// </summary>
    public async Task<SendWindow> FixedRateAsync(double rate, int maxInFlight, TimeSpan duration, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<Submission>();
        var inFlight = new SemaphoreSlim(maxInFlight);
        var pending = new List<Task>();
        var startedAt = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var total = (int)Math.Max(1, Math.Round(rate * duration.TotalSeconds));
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var intendedTimestamp = start + (long)(due.TotalSeconds * Stopwatch.Frequency);
            var intendedAt = startedAt + due;
            var complaint = complaints.Next();
            await inFlight.WaitAsync(cancellationToken);
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    results.Add(await sender.SendAsync(complaint, intendedAt, intendedTimestamp, cancellationToken));
                }
                finally
                {
                    inFlight.Release();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(pending);
        return new SendWindow([.. results.OrderBy(s => s.SubmittedAt)], startedAt, Stopwatch.GetElapsedTime(start), maxInFlight, rate);
    }
}
