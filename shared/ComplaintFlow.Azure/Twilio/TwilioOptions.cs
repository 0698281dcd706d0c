using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Azure.Twilio;

/// <summary><c>ComplaintFlow:Twilio</c>: the account that sends SMS notices and signs inbound webhooks.</summary>
public sealed class TwilioOptions : IValidatableObject
{
    public const string Section = "ComplaintFlow:Twilio";

    [Required, RegularExpression("^AC[0-9a-fA-F]{32}$", ErrorMessage = "ComplaintFlow:Twilio:AccountSid must be 'AC' followed by 32 hex digits.")]
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>Signs the Messages API calls (basic auth) and checks X-Twilio-Signature on inbound webhooks.</summary>
    [Required]
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>E.164 number texts are sent from; or set <see cref="MessagingServiceSid"/>.</summary>
    [RegularExpression(@"^\+[1-9]\d{6,14}$", ErrorMessage = "ComplaintFlow:Twilio:FromNumber must be an E.164 number such as +8613800138000.")]
    public string? FromNumber { get; set; }

    [RegularExpression("^MG[0-9a-fA-F]{32}$", ErrorMessage = "ComplaintFlow:Twilio:MessagingServiceSid must be 'MG' followed by 32 hex digits.")]
    public string? MessagingServiceSid { get; set; }

    /// <summary>Optional URL Twilio posts delivery status to; empty sends none (checked in <see cref="Validate"/>).</summary>
    public string? StatusCallback { get; set; }

    /// <summary>
    /// Twilio's API address: texts are sent there, and the media of incoming MMS are fetched from there only
    /// (<c>{BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages/...</c>); a media URL anywhere else is not fetched.
    /// </summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// Hosts a media request may be redirected to (https only, without credentials): Twilio sends each media from a
    /// short-lived signed URL on its media CDN. Empty means <see cref="DefaultMediaRedirectHosts"/>.
    /// </summary>
    public IList<string> MediaRedirectHosts { get; set; } = [];

    /// <summary>Twilio's documented media CDN for accounts that require HTTP auth on media (all new accounts).</summary>
    public static IReadOnlyList<string> DefaultMediaRedirectHosts { get; } = ["mms.twiliocdn.com"];

    /// <summary>The configured hosts, or the defaults (a default list would be appended to, not replaced, by binding).</summary>
    public IReadOnlyList<string> EffectiveMediaRedirectHosts =>
        MediaRedirectHosts.Any(h => !string.IsNullOrWhiteSpace(h)) ? [.. MediaRedirectHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())] : DefaultMediaRedirectHosts;

    /// <summary>Longest wait for one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for a send, retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a 429, a 5xx or a network failure (a 429's Retry-After is honoured).</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; later ones grow exponentially with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // [Url] refuses an empty string, which is how a deployment leaves an optional setting unset.
        if (!string.IsNullOrWhiteSpace(StatusCallback)
            && !(Uri.TryCreate(StatusCallback, UriKind.Absolute, out var callback) && callback.Scheme is "https" or "http"))
        {
            yield return new ValidationResult($"{Section}:StatusCallback must be an absolute http(s) URL, or empty.", [nameof(StatusCallback)]);
        }

        if (string.IsNullOrWhiteSpace(FromNumber) == string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            yield return new ValidationResult(
                "Set exactly one of ComplaintFlow:Twilio:FromNumber and ComplaintFlow:Twilio:MessagingServiceSid.",
                [nameof(FromNumber), nameof(MessagingServiceSid)]);
        }
    }
}
