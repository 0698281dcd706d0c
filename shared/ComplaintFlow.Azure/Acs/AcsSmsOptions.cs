using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Azure.Acs;

/// <summary><c>ComplaintFlow:Acs</c>: the Azure Communication Services resource that owns our ACS SMS number.</summary>
public sealed class AcsSmsOptions : IValidatableObject
{
    public const string Section = "ComplaintFlow:Acs";

    /// <summary>The resource endpoint, e.g. <c>https://contoso.communication.azure.com</c>; empty: no ACS sending.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The resource's access key (base64), which signs each request (HMAC-SHA256).</summary>
    public string? AccessKey { get; set; }

    /// <summary>Our ACS number (E.164): texts to customers who texted it are sent from it, through ACS.</summary>
    [RegularExpression(@"^\+[1-9]\d{6,14}$", ErrorMessage = "ComplaintFlow:Acs:FromNumber must be an E.164 number such as +18005550100.")]
    public string? FromNumber { get; set; }

    /// <summary>Longest wait for one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for a send, retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a 429, a 5xx or a network failure (Retry-After honoured).</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool Configured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }

        if (!(Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http"))
        {
            yield return new ValidationResult($"{Section}:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }

        Span<byte> key = stackalloc byte[256];
        if (string.IsNullOrWhiteSpace(AccessKey) || !Convert.TryFromBase64String(AccessKey, key, out _))
        {
            yield return new ValidationResult($"{Section}:AccessKey must be the resource's base64 access key.", [nameof(AccessKey)]);
        }

        if (string.IsNullOrWhiteSpace(FromNumber))
        {
            yield return new ValidationResult($"{Section}:FromNumber is required with {Section}:Endpoint.", [nameof(FromNumber)]);
        }
    }
}
