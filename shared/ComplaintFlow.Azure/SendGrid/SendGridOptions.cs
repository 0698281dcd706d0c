using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Azure.SendGrid;

/// <summary><c>ComplaintFlow:SendGrid</c>.</summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string Section = "ComplaintFlow:SendGrid";

    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>API host; locally and in tests the SendGrid fake (e.g. http://127.0.0.1:7072).</summary>
    [Required, Url]
    public string Host { get; set; } = "https://api.sendgrid.com";

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The Event Webhook's verification key (Mail Settings → Event Webhook → Signature verification: base64 DER of the
    /// ECDSA P-256 public key). Empty refuses every event post (401): delivery reports are trusted only when signed.
    /// </summary>
    public string EventWebhookPublicKey { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SendGridEventSignature.IsSet(EventWebhookPublicKey) && !SendGridEventSignature.IsKey(EventWebhookPublicKey))
        {
            yield return new ValidationResult(
                $"{Section}:EventWebhookPublicKey must be the base64 ECDSA public key SendGrid shows for the Event Webhook, or empty.",
                [nameof(EventWebhookPublicKey)]);
        }
    }
}
