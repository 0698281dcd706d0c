using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Hosting;

namespace ComplaintFlow.Functions.Notify;

/// <summary>Queue trigger on <c>notifications</c>: sends one notice on one channel, once.</summary>
public static class NotifyFunction
{
    public const string Name = "Notify";

    public static async Task<FunctionResult> RunAsync(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var message = await QueueBinding.ReadAsync<NotificationMessage>(invocation, services, cancellationToken);
        using var activity = Telemetry.StartConsumer(Name, message.TraceParent);
        activity.TagComplaint(message.ComplaintId);
        activity?.SetTag("notification.id", message.NotificationId);
        await services.GetRequiredService<NotifyService>().HandleAsync(message, cancellationToken);
        Telemetry.Notified.Add(1);
        return new FunctionResult();
    }

    /// <summary>The notice is marked failed on the complaint, so staff know the customer was not told.</summary>
    public static async Task GivingUpAsync(FunctionInvocation invocation, IServiceProvider services, DeliveryFailure failure, CancellationToken cancellationToken)
    {
        NotificationMessage message;
        try
        {
            message = await QueueBinding.ReadAsync<NotificationMessage>(invocation, services, cancellationToken);
        }
        catch (JsonException)
        {
            return; // not a notice at all: parked with its reason, nothing to mark
        }

        await services.GetRequiredService<NotifyService>().RecordFailureAsync(message, failure, cancellationToken);
    }
}
