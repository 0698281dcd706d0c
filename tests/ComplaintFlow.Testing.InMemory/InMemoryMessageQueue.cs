using System.Text.Json;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IMessageQueue"/> over lists: messages are stored as the JSON the Azure queue would carry, stay invisible
/// until their <c>visibleAfter</c> has passed on the given clock, and are taken in the order they were sent.
/// <see cref="DeliverAsync{T}"/> hands visible messages to a handler, as the Functions trigger would (a failed
/// handler leaves the message queued), optionally more than once each, since queue delivery is at least once.
/// </summary>
public sealed class InMemoryMessageQueue(TimeProvider time) : IMessageQueue
{
    private readonly Lock _gate = new();
    private readonly List<QueuedMessage> _messages = [];
    private long _sequence;

    public sealed record QueuedMessage(string Queue, string Json, DateTimeOffset VisibleAt, long Sequence);

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _messages.Add(new QueuedMessage(queueName, JsonSerializer.Serialize(message, ComplaintJson.Options), time.GetUtcNow() + visibleAfter, ++_sequence));
        }

        return Task.CompletedTask;
    }

    /// <summary>Every message on the queue, visible or not, oldest first.</summary>
    public IReadOnlyList<T> Peek<T>(string queueName)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.Queue == queueName).Select(m => JsonSerializer.Deserialize<T>(m.Json, ComplaintJson.Options)!)];
        }
    }

    /// <summary>Messages waiting on the queue, including those not yet visible.</summary>
    public int Count(string queueName)
    {
        lock (_gate)
        {
            return _messages.Count(m => m.Queue == queueName);
        }
    }

    /// <summary>The messages waiting on the queue with when each becomes visible.</summary>
    public IReadOnlyList<QueuedMessage> Waiting(string queueName)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.Queue == queueName)];
        }
    }

    /// <summary>
    /// Takes every message visible now (including those the handler sends meanwhile, once they are visible) and runs
    /// <paramref name="handler"/> on each, <paramref name="deliveries"/> times in a row. A message whose handler
    /// throws stays on the queue and the exception is raised once the rest are done.
    /// </summary>
    /// <returns>How many messages were taken off the queue.</returns>
    public async Task<int> DeliverAsync<T>(string queueName, Func<T, Task> handler, int deliveries = 1)
    {
        var done = 0;
        var failures = new List<Exception>();
        var failed = new HashSet<long>();
        while (TakeVisible(queueName, failed) is { } next)
        {
            try
            {
                for (var i = 0; i < deliveries; i++)
                {
                    await handler(JsonSerializer.Deserialize<T>(next.Json, ComplaintJson.Options)!);
                }

                Remove(next);
                done++;
            }
            catch (Exception e)
            {
                failed.Add(next.Sequence);
                failures.Add(e);
            }
        }

        return failures.Count == 0 ? done : throw new AggregateException(failures);
    }

    private QueuedMessage? TakeVisible(string queueName, HashSet<long> skip)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _messages.Where(m => m.Queue == queueName && m.VisibleAt <= now && !skip.Contains(m.Sequence)).OrderBy(m => m.Sequence).FirstOrDefault();
        }
    }

    private void Remove(QueuedMessage message)
    {
        lock (_gate)
        {
            _messages.Remove(message);
        }
    }
}
