using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Sends JSON messages to Azure Queues (base64, as the Functions queue trigger expects). A message above 48 KiB is
/// stored in Blob and the queue carries a claim-check that <see cref="QueueMessageReader"/> resolves.
/// </summary>
public sealed class AzureMessageQueue(QueueServiceClient queues, BlobContainerClient claimChecks, StorageOptions options) : IMessageQueue
{
    /// <summary>The queue limit is 64 KiB after base64; 48 KiB of JSON stays under it.</summary>
    public const int ClaimCheckThresholdBytes = 48 * 1024;

    public async Task SendAsync<T>(string queueName, T message, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message, ComplaintJson.Options);
        if (Encoding.UTF8.GetByteCount(json) > ClaimCheckThresholdBytes)
        {
            var blobName = $"{queueName}/{Guid.NewGuid():N}.json";
            await claimChecks.UploadBlobAsync(blobName, BinaryData.FromString(json), cancellationToken);
            json = JsonSerializer.Serialize(new ClaimCheck(blobName), ComplaintJson.Options);
        }

        await queues.GetQueueClient(options.Queue(queueName)).SendMessageAsync(
            json, visibilityTimeout: visibleAfter > TimeSpan.Zero ? visibleAfter : null, cancellationToken: cancellationToken);
    }
}

/// <summary>Stands in the queue for a message stored in Blob.</summary>
public sealed record ClaimCheck(string ClaimCheckBlob);

/// <summary>Reads a queue message's JSON, fetching it from Blob when the queue carried a claim-check.</summary>
public sealed class QueueMessageReader(BlobContainerClient claimChecks)
{
    public async Task<T> ReadAsync<T>(string text, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("claimCheckBlob", out var blob)
            && blob.GetString() is { } blobName)
        {
            var content = await claimChecks.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            text = content.Value.Content.ToString();
        }

        return JsonSerializer.Deserialize<T>(text, ComplaintJson.Options)
            ?? throw new JsonException($"Queue message is not a {typeof(T).Name}.");
    }

    /// <summary>
    /// The message without the copy of a complaint it carried (<see cref="CarriedComplaint"/>), for keeping it beyond
    /// its delivery (a poison queue): the copy holds the customer's text and contact, which an erasure would not reach
    /// there, and a replay reads the complaint instead. Anything else (not JSON, nothing carried) is returned as it is.
    /// </summary>
    public static string WithoutCarried(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject message && message.Remove("carried"))
            {
                return message.ToJsonString(ComplaintJson.Options);
            }
        }
        catch (JsonException)
        {
            // Not JSON: kept as it came.
        }

        return text;
    }
}
