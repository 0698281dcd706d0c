using System.Text;
using System.Text.Json;
using ComplaintFlow.Azure.SendGrid;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Functions.Intake;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Notify;

/// <summary>
/// HTTP trigger <c>POST /api/events/sendgrid</c>: SendGrid's Event Webhook, ECDSA-signed. Every readable, signed
/// batch is answered 2xx (SendGrid retries anything else for 24 hours); each event is recorded once.
/// </summary>
public sealed class SendGridEventsFunction(SendGridEventSignature signature, DeliveryReports reports)
{
    public const string Name = "SendGridEvents";

    /// <summary>SendGrid batches events (up to about a thousand per post); well above one batch, well below abuse.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/events/sendgrid")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!signature.IsConfigured)
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "Delivery events are not accepted.",
                $"Set {SendGridOptions.Section}:EventWebhookPublicKey to the Event Webhook's verification key: unsigned events are never trusted.");
        }

        var body = await BufferedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge(MaxBodyBytes);
        }

        var payload = Encoding.UTF8.GetString(body.Content);
        if (!signature.IsValid(payload, request.Headers[SendGridEventSignature.SignatureHeader].FirstOrDefault(), request.Headers[SendGridEventSignature.TimestampHeader].FirstOrDefault()))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "Invalid signature.",
                $"{SendGridEventSignature.SignatureHeader} does not verify {SendGridEventSignature.TimestampHeader} and this body with the configured key.");
        }

        IReadOnlyList<DeliveryReport> events;
        try
        {
            events = SendGridDeliveryEvents.Parse(payload);
        }
        catch (JsonException)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "The payload cannot be read.", "SendGrid posts a JSON array of events.");
        }

        var recorded = 0;
        foreach (var report in events)
        {
            recorded += await reports.RecordAsync(report, Telemetry.CurrentTraceParent, cancellationToken) ? 1 : 0;
        }

        Telemetry.DeliveryReports.Add(recorded, new KeyValuePair<string, object?>("provider", "sendgrid"));
        return Results.Ok(new { received = events.Count, recorded });
    }
}

/// <summary>
/// HTTP trigger <c>POST /api/inbound/sms/twilio/status</c>: Twilio's message status callbacks, signed like the inbound
/// webhook. The URL's query names the notice (set when the text was sent).
/// </summary>
public sealed class TwilioStatusFunction(IConfiguration configuration, IOptions<IntakeOptions> intakeOptions, DeliveryReports reports, TimeProvider time)
{
    public const string Name = "TwilioStatus";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/sms/twilio/status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, form, problem) = await TwilioWebhook.ReadSignedFormAsync(request, configuration, intakeOptions.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var recorded = TwilioDeliveryEvents.Parse(form, query, time.GetUtcNow()) is { } report
            && await reports.RecordAsync(report, Telemetry.CurrentTraceParent, cancellationToken);
        Telemetry.DeliveryReports.Add(recorded ? 1 : 0, new KeyValuePair<string, object?>("provider", "twilio"));
        return Results.NoContent();
    }
}
