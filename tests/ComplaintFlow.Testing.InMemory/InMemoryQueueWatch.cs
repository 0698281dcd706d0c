using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IQueueWatch"/> over <see cref="InMemoryMessageQueue"/>: every waiting message counts, and the oldest
/// visible one has waited since it became visible (for a message sent without a delay, since it was sent).
/// </summary>
public sealed class InMemoryQueueWatch(InMemoryMessageQueue queue, TimeProvider time) : IQueueWatch
{
    public Task<QueueDepth> MeasureAsync(string queueName, CancellationToken cancellationToken)
    {
        var waiting = queue.Waiting(queueName);
        var now = time.GetUtcNow();
        var oldest = waiting.Where(m => m.VisibleAt <= now).OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.VisibleAt).FirstOrDefault();
        return Task.FromResult(new QueueDepth(queueName, waiting.Count, oldest));
    }
}
