using System.Text.Json;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Intake;

/// <summary>Queue trigger on <c>sms-media</c>: fetches a picture message's media from the provider and keeps them as attachments.</summary>
public sealed class SmsMediaFunction(QueueMessageReader reader, SmsMediaIntake media, LastDelivery lastDelivery)
{
    public const string Name = "SmsMedia";

    [Function(Name)]
    public Task RunAsync(
        [QueueTrigger(QueueSettings.Prefix + QueueNames.SmsMedia)] string message,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        lastDelivery.RunAsync(Name, QueueNames.SmsMedia, message, context, async () =>
        {
            var request = await reader.ReadAsync<SmsMediaMessage>(message, cancellationToken);
            using var activity = Telemetry.StartConsumer(Name, request.TraceParent);
            activity.TagComplaint(request.ComplaintId);
            await media.HandleAsync(request, cancellationToken);
        }, failure => GivingUpAsync(message, cancellationToken), cancellationToken);

    /// <summary>The media not kept yet are recorded as not fetchable, so staff know to ask the customer for them.</summary>
    private async Task GivingUpAsync(string message, CancellationToken cancellationToken)
    {
        SmsMediaMessage request;
        try
        {
            request = await reader.ReadAsync<SmsMediaMessage>(message, cancellationToken);
        }
        catch (JsonException)
        {
            return; // not a media request at all: parked with its reason, nothing to record
        }

        await media.GiveUpAsync(request, cancellationToken);
    }
}
