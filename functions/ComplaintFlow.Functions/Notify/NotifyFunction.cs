using System.Text.Json;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Notify;

/// <summary>Queue trigger on <c>notifications</c>: sends one notice on one channel, once.</summary>
public sealed class NotifyFunction(QueueMessageReader reader, NotifyService notify, LastDelivery lastDelivery)
{
    public const string Name = "Notify";

    [Function(Name)]
    public Task RunAsync(
        [QueueTrigger(QueueSettings.Prefix + QueueNames.Notifications)] string message,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        lastDelivery.RunAsync(Name, QueueNames.Notifications, message, context, async () =>
        {
            var notice = await reader.ReadAsync<NotificationMessage>(message, cancellationToken);
            if (LastDelivery.IsRedelivery(context))
            {
                notice = notice with { Carried = null };
            }

            using var activity = Telemetry.StartConsumer(Name, notice.TraceParent);
            activity.TagComplaint(notice.ComplaintId);
            activity?.SetTag("notification.id", notice.NotificationId);
            await notify.HandleAsync(notice, cancellationToken);
            Telemetry.Notified.Add(1);
        }, failure => GivingUpAsync(message, failure, cancellationToken), cancellationToken);

    /// <summary>The notice is marked failed on the complaint, so staff know the customer was not told.</summary>
    private async Task GivingUpAsync(string message, Core.Poison.DeliveryFailure failure, CancellationToken cancellationToken)
    {
        NotificationMessage notice;
        try
        {
            notice = await reader.ReadAsync<NotificationMessage>(message, cancellationToken);
        }
        catch (JsonException)
        {
            return; // not a notice at all: parked with its reason, nothing to mark
        }

        await notify.RecordFailureAsync(notice, failure, cancellationToken);
    }
}
