using Azure;
using ComplaintFlow.Azure.SendGrid;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Hosting;

namespace ComplaintFlow.Functions.Http;

/// <summary>
/// The Functions host moves a message that failed <c>maxDequeueCount</c> times to <c>&lt;queue&gt;-poison</c> unchanged,
/// with no word on why. So on the last delivery (the <c>DequeueCount</c> both hosts pass in the invocation metadata
/// reaches host.json's <c>maxDequeueCount</c>) a failing function does not fail: the function records what giving
/// up means for it, the message is parked in the poison queue wrapped with its reason, and the invocation succeeds,
/// so the host deletes the original. Should parking itself fail, the invocation fails and the host moves the
/// message unchanged: it is still kept, only without a reason.
/// </summary>
public static class LastDelivery
{
    public delegate Task GivingUp(FunctionInvocation invocation, IServiceProvider services, DeliveryFailure failure, CancellationToken cancellationToken);

    public static FunctionHandler ParksOnLastDelivery(string function, string queue, FunctionHandler handler, GivingUp? givingUp = null) =>
        async (invocation, services, cancellationToken) =>
        {
            try
            {
                return await handler(invocation, services, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested
                && invocation.DequeueCount is { } attempts
                && attempts >= services.GetRequiredService<QueueSettings>().MaxDequeueCount)
            {
                var failure = new DeliveryFailure
                {
                    Function = function,
                    Error = e.GetType().Name,
                    Status = StatusOf(e),
                    Attempts = attempts,
                    FailedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
                };
                if (givingUp is not null)
                {
                    await givingUp(invocation, services, failure, cancellationToken);
                }

                var message = invocation.DataAsText(QueueBinding.Name) ?? string.Empty;
                await services.GetRequiredService<IPoisonQueues>().ParkAsync(queue, message, failure, cancellationToken);
                Telemetry.Poisoned.Add(1, new KeyValuePair<string, object?>("queue", queue));
                return new FunctionResult { Logs = [$"{function} gave up after {attempts} attempts ({failure.Error}); parked in {queue}-poison."] };
            }
        };

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
