using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Functions.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Channels;

/// <summary>
/// The provider webhooks: <c>POST /api/inbound/email</c> (SendGrid Inbound Parse), <c>POST /api/inbound/sms/twilio</c>
/// and <c>POST /api/inbound/sms/acs</c> (Event Grid). A payload the provider should not resend gets 4xx with a
/// problem+json naming the field; one it would resend forever but we cannot use is quarantined and answered 2xx.
/// </summary>
public static class InboundEndpoints
{
    public const string TwilioSignatureHeader = "X-Twilio-Signature";

    /// <summary>Most events one Event Grid delivery may carry (the subscription's max events per batch; default 1).</summary>
    public const int MaxEventsPerDelivery = 100;

    public static IEndpointRouteBuilder MapInboundChannels(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/inbound/email", EmailAsync);
        app.MapPost("/api/inbound/sms/twilio", TwilioAsync);
        app.MapPost("/api/inbound/sms/acs", AcsAsync);
        return app;
    }

    private static async Task<IResult> EmailAsync(
        HttpRequest request,
        InboundEmailOptions options,
        InboundEmailWebhookGuard guard,
        InboundEmailParser parser,
        InboundEmailIntake intake,
        CancellationToken cancellationToken)
    {
        if (!guard.IsAuthorized(request.Headers.Authorization.FirstOrDefault(), QuerySecrets.Of(request, "key")))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"inbound-email\"";
            return Problems.Of(StatusCodes.Status401Unauthorized, "Not authorised.",
                "The Inbound Parse URL must carry the configured credentials (https://user:password@host/...) or ?key=.");
        }

        // Mail with attachments is large; this endpoint sets its own limit (SendGrid's 30 MB) instead of the server's.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var body = await BufferedBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge(options.MaxBodyBytes);
        }

        InboundEmail email;
        try
        {
            email = parser.Parse(body.Content, body.ContentType, cancellationToken);
        }
        catch (InboundPayloadException e)
        {
            return PayloadProblem(e);
        }

        var payload = new RawPayload(body.Content, body.ContentType, email.Mode == InboundEmailMode.Raw ? "eml.form" : "form");
        var outcome = await intake.HandleAsync(email, payload, Telemetry.CurrentTraceParent, cancellationToken);
        if (outcome.Kind == InboundEmailOutcomeKind.Created)
        {
            Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "email"));
        }

        return Results.Ok(new InboundAccepted(Outcome(outcome.Kind.ToString()), outcome.Reason, Reference(outcome.ComplaintId)));
    }

    private static async Task<IResult> TwilioAsync(
        HttpRequest request,
        IConfiguration configuration,
        IOptions<IntakeOptions> intakeOptions,
        TwilioInboundSmsParser parser,
        InboundSmsIntake intake,
        CancellationToken cancellationToken)
    {
        var authToken = configuration[$"{TwilioOptions.Section}:AuthToken"];
        if (!Azure.ChannelRegistration.IsTwilioConfigured(configuration) || string.IsNullOrWhiteSpace(authToken))
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "SMS by Twilio is not set up.",
                $"Set {TwilioOptions.Section}:AccountSid and AuthToken to accept Twilio webhooks.");
        }

        var limit = intakeOptions.Value.MaxBodyBytes;
        var body = await BufferedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge(limit);
        }

        if (!body.IsUrlEncodedForm)
        {
            return Problems.UnsupportedMediaType(request.ContentType, "application/x-www-form-urlencoded");
        }

        var (form, _) = await body.ReadFormAsync(cancellationToken);

        // Twilio signs the URL it was given, so behind the Functions host (or any proxy) rebuild the public one.
        var url = intakeOptions.Value.PublicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;
        if (!new TwilioSignatureValidator(authToken).IsValid(url, form, request.Headers[TwilioSignatureHeader].FirstOrDefault()))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "Invalid signature.",
                $"{TwilioSignatureHeader} does not match this request signed with the account's auth token for {url}.");
        }

        InboundSms sms;
        try
        {
            sms = parser.Parse(form);
        }
        catch (InboundPayloadException e)
        {
            return PayloadProblem(e);
        }

        var outcome = await intake.HandleAsync(sms, new RawPayload(body.Content, body.ContentType, "form"), Telemetry.CurrentTraceParent, cancellationToken);
        if (outcome.Kind == InboundSmsOutcomeKind.Created)
        {
            Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "sms"));
        }

        // The acknowledgement goes out through Notify like every other notice; only HELP is answered inline.
        var twiml = outcome.Reply is { } reply ? TwimlResponse.Message(reply) : TwimlResponse.Empty();
        return Results.Content(twiml, TwimlResponse.ContentType, System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> AcsAsync(
        HttpRequest request,
        IOptions<IntakeOptions> intakeOptions,
        SmsOptions smsOptions,
        AcsEventGridParser parser,
        InboundSmsIntake intake,
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
            return PayloadProblem(e);
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

            outcomes.Add(new InboundAccepted(Outcome(outcome.Kind.ToString()), received.Id, Reference(outcome.ComplaintId)));
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
            : PayloadProblem(new InboundPayloadException($"[{index}].eventType", events[index] is AcsOtherEvent
                ? $"Only {AcsEventGridParser.SmsReceivedEventType} events are accepted; subscribe to SMS Received only."
                : "A subscription validation event must be the only event of its delivery."));
    }

    private static IResult PayloadProblem(InboundPayloadException e) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The payload cannot be read.",
            detail: e.Message,
            extensions: new Dictionary<string, object?> { ["field"] = e.Field });

    private static string Outcome(string kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind);

    private static string? Reference(string? complaintId) => complaintId is null ? null : Core.Complaints.ComplaintId.ToReference(complaintId);
}

/// <summary>What a webhook did with a payload; names no personal data.</summary>
public sealed record InboundAccepted(string Outcome, string Reason, string? Reference);
