using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Channels;

/// <summary>HTTP trigger <c>POST /api/inbound/sms/twilio</c>: Twilio's incoming-message webhook, answered with TwiML.</summary>
public sealed class InboundSmsTwilioFunction(
    IConfiguration configuration,
    IOptions<IntakeOptions> intakeOptions,
    TwilioInboundSmsParser parser,
    InboundSmsIntake intake)
{
    public const string Name = "InboundSmsTwilio";
    public const string TwilioSignatureHeader = "X-Twilio-Signature";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/sms/twilio")] HttpRequest request,
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
            return InboundAnswers.PayloadProblem(e);
        }

        var outcome = await intake.HandleAsync(sms, new RawPayload(body.Content, body.ContentType, "form"), Telemetry.CurrentTraceParent, cancellationToken);
        if (outcome.Kind == InboundSmsOutcomeKind.Created)
        {
            Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "sms"));
        }

        // The acknowledgement goes out through Notify like every other notice; only keywords are answered inline.
        var twiml = outcome.Reply is { } reply ? TwimlResponse.Message(reply) : TwimlResponse.Empty();
        return Results.Content(twiml, TwimlResponse.ContentType, System.Text.Encoding.UTF8);
    }
}
