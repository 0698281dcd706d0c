using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// The poison queues on Azure Queues, named as the Functions host names them (<c>&lt;queue&gt;-poison</c>). A parked
/// message is a <see cref="ParkedMessage"/> in JSON; anything else there is an original message the host moved.
/// </summary>
public sealed class AzurePoisonQueues(QueueServiceClient queues, StorageOptions options) : IPoisonQueues
{
    /// <summary>Queue messages are hidden for this long while a replay decides about them.</summary>
    private static readonly TimeSpan ReplayLease = TimeSpan.FromMinutes(1);

    /// <summary>A replay of "all" stops here, so a queue being filled as fast as it is drained cannot hold it forever.</summary>
    private const int MaxReplayed = 5000;

    public IReadOnlyList<string> Queues { get; } = [QueueNames.Intake, QueueNames.Notifications, QueueNames.SmsMedia, QueueNames.Incidents];

    public static string PoisonOf(string queue) => queue + "-poison";

    public async Task ParkAsync(string queue, string message, DeliveryFailure reason, CancellationToken cancellationToken)
    {
        var poison = Poison(queue);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(JsonSerializer.Serialize(new ParkedMessage(message, reason), ComplaintJson.Options), cancellationToken);
    }

    /// <summary>The oldest 32 messages (the most one peek returns), without hiding them from anyone.</summary>
    public async Task<IReadOnlyList<PoisonItem>> ListAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = Poison(queue);
        if (!(await poison.ExistsAsync(cancellationToken)).Value)
        {
            return [];
        }

        var peeked = (await poison.PeekMessagesAsync(32, cancellationToken)).Value;
        return [.. peeked.Select(m => ItemOf(m.MessageId, m.InsertedOn, m.Body.ToString()))];
    }

    public async Task<ReplayReport> ReplayAsync(string queue, string? id, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            var listed = await ListAsync(queue, cancellationToken);
            return new ReplayReport(queue, [.. listed.Where(m => id is null || m.Id == id).Select(m => m.Id)], DryRun: true);
        }

        var poison = Poison(queue);
        var target = queues.GetQueueClient(options.Queue(queue));
        var replayed = new List<string>();
        var passedOver = new List<QueueMessage>();
        try
        {
            while (replayed.Count < MaxReplayed && !(id is not null && replayed.Count > 0))
            {
                var batch = (await poison.ReceiveMessagesAsync(32, ReplayLease, cancellationToken)).Value;
                if (batch.Length == 0)
                {
                    break;
                }

                foreach (var message in batch)
                {
                    if (id is not null && message.MessageId != id)
                    {
                        passedOver.Add(message);
                        continue;
                    }

                    // Back on its queue first, out of poison second: a crash in between replays it twice, harmlessly.
                    await target.SendMessageAsync(OriginalOf(message.Body.ToString()), cancellationToken);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    replayed.Add(message.MessageId);
                }
            }
        }
        finally
        {
            foreach (var message in passedOver)
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
        }

        return new ReplayReport(queue, replayed, DryRun: false);
    }

    private QueueClient Poison(string queue) => queues.GetQueueClient(PoisonOf(options.Queue(queue)));

    private static PoisonItem ItemOf(string id, DateTimeOffset? insertedOn, string body)
    {
        var parked = ParkedOf(body);
        var original = parked?.Message ?? body;
        string? complaintId = null, notificationId = null;
        try
        {
            using var json = JsonDocument.Parse(original);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                complaintId = StringOf(json.RootElement, "complaintId");
                notificationId = StringOf(json.RootElement, "notificationId");
            }
        }
        catch (JsonException)
        {
            // Not JSON (the host moved something undecodable): listed without ids.
        }

        return new PoisonItem { Id = id, PoisonedAt = insertedOn, ComplaintId = complaintId, NotificationId = notificationId, Reason = parked?.Reason };
    }

    private static string OriginalOf(string body) => ParkedOf(body)?.Message ?? body;

    private static ParkedMessage? ParkedOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out _) && json.RootElement.TryGetProperty("message", out _)
                ? json.RootElement.Deserialize<ParkedMessage>(ComplaintJson.Options)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
