using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// What every Twilio webhook (incoming texts, status callbacks) checks before reading a field: Twilio is set up, the
/// body is a form within the size limit, and <c>X-Twilio-Signature</c> matches the public URL it was posted to.
/// </summary>
public static class TwilioWebhook
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <returns>The body and its fields, or the problem to answer with.</returns>
    public static async Task<(BufferedBody? Body, Dictionary<string, string> Form, IResult? Problem)> ReadSignedFormAsync(
        HttpRequest request, IConfiguration configuration, IntakeOptions intake, CancellationToken cancellationToken)
    {
        var authToken = configuration[$"{TwilioOptions.Section}:AuthToken"];
        if (!Azure.ChannelRegistration.IsTwilioConfigured(configuration) || string.IsNullOrWhiteSpace(authToken))
        {
            return (null, [], Problems.Of(StatusCodes.Status503ServiceUnavailable, "SMS by Twilio is not set up.",
                $"Set {TwilioOptions.Section}:AccountSid and AuthToken to accept Twilio webhooks."));
        }

        var body = await BufferedBody.ReadAsync(request, intake.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, [], Problems.TooLarge(intake.MaxBodyBytes));
        }

        if (!body.IsUrlEncodedForm)
        {
            return (null, [], Problems.UnsupportedMediaType(request.ContentType, "application/x-www-form-urlencoded"));
        }

        var (form, _) = await body.ReadFormAsync(cancellationToken);

        // Twilio signs the URL it was given (query included), so behind the Functions host (or any proxy) rebuild the public one.
        var url = intake.PublicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;
        if (!new TwilioSignatureValidator(authToken).IsValid(url, form, request.Headers[SignatureHeader].FirstOrDefault()))
        {
            return (null, [], Problems.Of(StatusCodes.Status403Forbidden, "Invalid signature.",
                $"{SignatureHeader} does not match this request signed with the account's auth token for {url}."));
        }

        return (body, form, null);
    }
}
