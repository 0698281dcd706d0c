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

    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.twilio.com";

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
