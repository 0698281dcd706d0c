using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Functions.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ComplaintFlow.Functions.Intake;

/// <summary>HTTP trigger <c>POST /api/inbound/email</c>: SendGrid Inbound Parse, parsed fields or raw MIME.</summary>
public sealed class InboundEmailFunction(
    InboundEmailOptions options,
    InboundEmailWebhookGuard guard,
    InboundEmailParser parser,
    InboundEmailIntake intake)
{
    public const string Name = "InboundEmail";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/email")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!guard.CanAuthorize)
        {
            // 503, not 401, as the ACS webhook answers: SendGrid retries it, so mail waits until a secret is set.
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Inbound email is not set up.",
                $"Set {InboundEmailOptions.Section}:WebhookKey (or WebhookUser and WebhookPassword) and give the Inbound Parse URL ?key=<that value>.");
        }

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
            return InboundAnswers.PayloadProblem(e);
        }

        var payload = new RawPayload(body.Content, body.ContentType, email.Mode == InboundEmailMode.Raw ? "eml.form" : "form");
        var outcome = await intake.HandleAsync(email, payload, Telemetry.CurrentTraceParent, cancellationToken);
        if (outcome.Kind == InboundEmailOutcomeKind.Created)
        {
            Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "email"));
        }

        return Results.Ok(new InboundAccepted(InboundAnswers.Outcome(outcome.Kind.ToString()), outcome.Reason, InboundAnswers.Reference(outcome.ComplaintId)));
    }
}
