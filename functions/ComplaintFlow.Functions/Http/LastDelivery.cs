using Azure;
using ComplaintFlow.Azure.SendGrid;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Functions.Http;

/// <summary>
/// The Functions host moves a message that failed <c>maxDequeueCount</c> times to <c>&lt;queue&gt;-poison</c> unchanged,
/// with no word on why. So on the last delivery (the <c>DequeueCount</c> trigger metadata reaches host.json's
/// <c>maxDequeueCount</c>) a failing function does not fail: the function records what giving up means for it, the
/// message is parked in the poison queue wrapped with its reason, and the invocation succeeds, so the host deletes
/// the original. Should parking itself fail, the invocation fails and the host moves the message unchanged: it is
/// still kept, only without a reason.
/// </summary>
public sealed class LastDelivery(QueueSettings settings, IPoisonQueues poison, TimeProvider time)
{
    public async Task RunAsync(
        string function,
        string queue,
        string message,
        FunctionContext context,
        Func<Task> handle,
        Func<DeliveryFailure, Task>? givingUp,
        CancellationToken cancellationToken)
    {
        try
        {
            await handle();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested
            && DequeueCountOf(context) is { } attempts
            && attempts >= settings.MaxDequeueCount)
        {
            var failure = new DeliveryFailure
            {
                Function = function,
                Error = e.GetType().Name,
                Status = StatusOf(e),
                Attempts = attempts,
                FailedAt = time.GetUtcNow(),
            };
            if (givingUp is not null)
            {
                await givingUp(failure);
            }

            await poison.ParkAsync(queue, QueueMessageReader.WithoutCarried(message), failure, cancellationToken);
            Telemetry.Poisoned.Add(1, new KeyValuePair<string, object?>("queue", queue));
        }
    }

    /// <summary>
    /// A second or later delivery of a message: a copy of the complaint it carries (<see cref="CarriedComplaint"/>) is
    /// then out of date (the first delivery may have written), so the function reads the complaint instead.
    /// </summary>
    public static bool IsRedelivery(FunctionContext context) => DequeueCountOf(context) > 1;

    /// <summary>The queue trigger's <c>DequeueCount</c> metadata, as the host passes it.</summary>
    public static int? DequeueCountOf(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value)
        && int.TryParse(value?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? count
            : null;

    /// <summary>The HTTP status the provider or storage answered, wherever in the chain of exceptions it is.</summary>
    private static int? StatusOf(Exception? e) => e switch
    {
        null => null,
        EmailNotAcceptedException email => email.Status,
        TwilioApiException twilio => (int)twilio.Status,
        HttpRequestException { StatusCode: { } status } => (int)status,
        RequestFailedException { Status: > 0 } storage => storage.Status,
        _ => StatusOf(e.InnerException),
    };
}
