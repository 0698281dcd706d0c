using ComplaintFlow.Azure;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// HTTP trigger <c>POST /api/inbound/sms/acs</c>: Event Grid deliveries of ACS <c>SMSReceived</c> and
/// <c>SMSDeliveryReportReceived</c> events, with the subscription validation handshake. A keyword's answer (HELP,
/// an opt-out we confirm) goes back through ACS from the number the customer texted: Event Grid has no reply channel.
/// </summary>
public sealed class InboundSmsAcsFunction(
    IOptions<IntakeOptions> intakeOptions,
    SmsOptions smsOptions,
    AcsEventGridParser parser,
    InboundSmsIntake intake,
    DeliveryReports reports,
    SmsProviders providers)
{
    public const string Name = "InboundSmsAcs";

    /// <summary>Most events one Event Grid delivery may carry (the subscription's max events per batch; default 1).</summary>
    public const int MaxEventsPerDelivery = 100;

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/sms/acs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(smsOptions.AcsWebhookKey))
        {
            // 503, not 401: Event Grid retries it, so events wait until the key is set instead of being dead-lettered.
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "SMS by ACS is not set up.",
                $"Set {SmsOptions.Section}:AcsWebhookKey and give the Event Grid subscription the URL with ?key=<that value>.");
        }

        if (!SharedSecret.Matches(QuerySecrets.Of(request, "key"), smsOptions.AcsWebhookKey))
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "Not authorised.",
                "The Event Grid subscription URL must carry the configured ?key=.");
        }

        var limit = intakeOptions.Value.MaxBodyBytes;
        var body = await BufferedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge(limit);
        }

        IReadOnlyList<AcsEvent> events;
        try
        {
            events = parser.Parse(body.Content);
        }
        catch (InboundPayloadException e)
        {
            return InboundAnswers.PayloadProblem(e);
        }

        if (Refusal(events) is { } refusal)
        {
            return refusal;
        }

        // The code is echoed, never the validationUrl fetched: fetching a URL a request names would let anyone make
        // this app call any address (SSRF).
        if (events is [AcsSubscriptionValidation validation])
        {
            return Results.Content(AcsEventGridParser.ValidationResponse(validation.ValidationCode), "application/json");
        }

        var outcomes = new List<InboundAccepted>();
        foreach (var received in events.OfType<AcsSmsReceived>())
        {
            // A replayed event carries the same messageId, from which the complaint id derives: it changes nothing.
            var outcome = await intake.HandleAsync(received.Sms, new RawPayload(body.Content, "application/json", "json"), Telemetry.CurrentTraceParent, cancellationToken);
            if (outcome.Kind == InboundSmsOutcomeKind.Created)
            {
                Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "sms"));
            }

            if (outcome.Reply is { } reply && received.Sms.FromIsE164)
            {
                // Keyed by the inbound message: Event Grid's redelivery asks ACS again with the same repeatability id,
                // and ACS sends the answer once.
                await providers.SendAsync(
                    new SmsMessage(received.Sms.From, reply) { From = received.Sms.To, IdempotencyKey = "answer|" + received.Sms.MessageId, FirstRequestedAt = received.Sms.ReceivedAt },
                    cancellationToken);
            }

            outcomes.Add(new InboundAccepted(InboundAnswers.Outcome(outcome.Kind.ToString()), received.Id, InboundAnswers.Reference(outcome.ComplaintId)));
        }

        foreach (var delivery in events.OfType<AcsSmsDeliveryReport>())
        {
            var recorded = delivery.Report is { } report && await reports.RecordAsync(report, Telemetry.CurrentTraceParent, cancellationToken);
            outcomes.Add(new InboundAccepted(recorded ? "recorded" : "ignored", delivery.Id, null));
        }

        return Results.Ok(outcomes);
    }

    /// <summary>
    /// A delivery the subscription (SMS Received only, batches of at most <see cref="MaxEventsPerDelivery"/>) would
    /// never send: refused with 4xx, which Event Grid does not retry.
    /// </summary>
    private static IResult? Refusal(IReadOnlyList<AcsEvent> events)
    {
        if (events.Count is 0 or > MaxEventsPerDelivery)
        {
            return Problems.Of(events.Count == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status413PayloadTooLarge, "Unexpected batch size.",
                $"A delivery holds 1 to {MaxEventsPerDelivery} events; this one holds {events.Count}.");
        }

        var index = events.ToList().FindIndex(e => e is AcsOtherEvent || (e is AcsSubscriptionValidation && events.Count > 1));
        return index < 0
            ? null
            : InboundAnswers.PayloadProblem(new InboundPayloadException($"[{index}].eventType", events[index] is AcsOtherEvent
                ? $"Only {AcsEventGridParser.SmsReceivedEventType} and {AcsEventGridParser.DeliveryReportEventType} events are accepted; subscribe to SMS Received and SMS Delivery Report Received only."
                : "A subscription validation event must be the only event of its delivery."));
    }
}
