using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Core.Desk;

/// <summary>One queue as the health check saw it.</summary>
/// <param name="OldestAgeSeconds">How long the oldest visible message has waited (0 when none is visible).</param>
public sealed record QueueHealth(string Queue, int Messages, double OldestAgeSeconds, bool IsPoison);

/// <summary>What the people on call are paged about: work waiting on each queue, anything parked as poison, and overdue complaints.</summary>
public sealed record PipelineHealthReading(DateTimeOffset At, IReadOnlyList<QueueHealth> Queues, int OverdueComplaints, int OverdueDeadlines)
{
    public int PoisonMessages => Queues.Where(q => q.IsPoison).Sum(q => q.Messages);
}

/// <summary>
/// Measures the pipeline for the alert rules (issue 19): each stage queue and its poison queue by a peek (no message
/// is taken or hidden), and the complaints with a running deadline already past, from the <c>Deadlines</c> index's
/// buckets up to now (never the whole table). A paused clock (waiting on the customer) is not overdue.
/// </summary>
public sealed class PipelineHealth(IQueueWatch queues, IDeadlineIndex deadlines, TimeProvider time)
{
    /// <summary>The stage queues watched, each with its poison queue.</summary>
    public static IReadOnlyList<string> StageQueues { get; } = [QueueNames.Intake, QueueNames.Notifications, QueueNames.SmsMedia];

    public async Task<PipelineHealthReading> MeasureAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var measured = new List<QueueHealth>();
        foreach (var (queue, poison) in StageQueues.SelectMany(q => new[] { (q, false), (q + "-poison", true) }))
        {
            var depth = await queues.MeasureAsync(queue, cancellationToken);
            var age = depth.OldestVisibleSince is { } since && since < now ? (now - since).TotalSeconds : 0;
            measured.Add(new QueueHealth(queue, depth.Messages, Math.Round(age, 1), poison));
        }

        var overdueComplaints = new HashSet<string>(StringComparer.Ordinal);
        var overdueDeadlines = 0;
        await foreach (var entry in deadlines.DueByAsync(now, cancellationToken))
        {
            if (entry.PausedAt is null && entry.DueAt < now)
            {
                overdueDeadlines++;
                overdueComplaints.Add(entry.ComplaintId);
            }
        }

        return new PipelineHealthReading(now, measured, overdueComplaints.Count, overdueDeadlines);
    }
}
