using Azure;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Queue depths on Azure Queues: the service's approximate message count (visible or not) and a peek at the first
/// visible message's insertion time. Neither takes nor hides a message; a queue not created yet holds nothing.
/// </summary>
public sealed class AzureQueueWatch(QueueServiceClient queues, StorageOptions options) : IQueueWatch
{
    public async Task<QueueDepth> MeasureAsync(string queue, CancellationToken cancellationToken)
    {
        var client = queues.GetQueueClient(options.Queue(queue));
        try
        {
            var properties = await client.GetPropertiesAsync(cancellationToken);
            var count = properties.Value.ApproximateMessagesCount;
            if (count == 0)
            {
                return new QueueDepth(queue, 0, null);
            }

            var peeked = (await client.PeekMessagesAsync(1, cancellationToken)).Value;
            return new QueueDepth(queue, count, peeked.Length == 0 ? null : peeked[0].InsertedOn);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new QueueDepth(queue, 0, null);
        }
    }
}
