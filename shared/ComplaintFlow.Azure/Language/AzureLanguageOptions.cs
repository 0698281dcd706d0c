using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Azure.Language;

/// <summary>
/// <c>ComplaintFlow:Language</c>. With no endpoint the embedded lexicon analyzer scores sentiment; with one, Azure AI
/// Language does (key, or the managed identity when the key is empty) and the lexicon stands in when it is down.
/// </summary>
public sealed class AzureLanguageOptions : IValidatableObject
{
    public const string Section = "ComplaintFlow:Language";

    /// <summary>e.g. https://my-language.cognitiveservices.azure.com; empty = use the embedded analyzer.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Resource key (Ocp-Apim-Subscription-Key); empty = Entra ID token.</summary>
    public string? Key { get; set; }

    /// <summary>Client id of the user-assigned managed identity for the token; empty = default credential chain.</summary>
    public string? ClientId { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult($"{Section}:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }
    }
}
