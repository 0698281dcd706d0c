using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
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
}
