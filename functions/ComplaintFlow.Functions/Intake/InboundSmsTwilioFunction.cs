using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Intake;

/// <summary>HTTP trigger <c>POST /api/inbound/sms/twilio</c>: Twilio's incoming-message webhook, answered with TwiML.</summary>
public sealed class InboundSmsTwilioFunction(
    IConfiguration configuration,
    IOptions<IntakeOptions> intakeOptions,
    TwilioInboundSmsParser parser,
    InboundSmsIntake intake)
{
    public const string Name = "InboundSmsTwilio";
    public const string TwilioSignatureHeader = TwilioWebhook.SignatureHeader;

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/sms/twilio")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, form, problem) = await TwilioWebhook.ReadSignedFormAsync(request, configuration, intakeOptions.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
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

        var outcome = await intake.HandleAsync(sms, new RawPayload(body!.Content, body.ContentType, "form"), Telemetry.CurrentTraceParent, cancellationToken);
        if (outcome.Kind == InboundSmsOutcomeKind.Created)
        {
            Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "sms"));
        }

        // The acknowledgement goes out through Notify like every other notice; only keywords are answered inline.
        var twiml = outcome.Reply is { } reply ? TwimlResponse.Message(reply) : TwimlResponse.Empty();
        return Results.Content(twiml, TwimlResponse.ContentType, System.Text.Encoding.UTF8);
    }
}
