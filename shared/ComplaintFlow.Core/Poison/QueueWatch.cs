namespace ComplaintFlow.Core.Poison;

/// <summary>How much work waits on one queue: the approximate message count and since when its oldest visible message has waited.</summary>
/// <param name="Queue">The queue's name without the deployment's prefix (e.g. <c>complaints-intake</c>, <c>notifications-poison</c>).</param>
/// <param name="Messages">Approximate number of messages, visible or not (Azure Queues' own count).</param>
/// <param name="OldestVisibleSince">When the first message a receiver would get was inserted; null when none is visible.</param>
public sealed record QueueDepth(string Queue, int Messages, DateTimeOffset? OldestVisibleSince);

/// <summary>Reads queue depths without taking or hiding any message (a peek).</summary>
public interface IQueueWatch
{
    /// <summary>A queue that does not exist yet holds nothing.</summary>
    Task<QueueDepth> MeasureAsync(string queue, CancellationToken cancellationToken);
}
