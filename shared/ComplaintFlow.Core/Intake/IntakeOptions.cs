using System.ComponentModel.DataAnnotations;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary><c>ComplaintFlow:Intake</c>.</summary>
public sealed class IntakeOptions
{
    public const string Section = "ComplaintFlow:Intake";

    /// <summary>Longest complaint text accepted, in characters.</summary>
    [Range(100, 30_000)]
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>Largest request body accepted by the form endpoint, in bytes (413 above it).</summary>
    [Range(1_024, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 65_536;

    /// <summary>ISO 3166 region used to read phone numbers written without a country code.</summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "CN";

    /// <summary>
    /// Accept phone numbers of the ranges reserved for fiction (UK 07700 900xxx, US 555-01xx) as valid. Development
    /// only (true in local.settings.sample.json, never set in Azure): tests and demos use them so no real person is
    /// texted; anywhere else such a sender is unusable and quarantined.
    /// </summary>
    public bool AcceptFictionalNumbers { get; set; }

    /// <summary>Public base URL of the site, used in links sent to customers.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The links built from <see cref="PublicBaseUrl"/>, as the other stages read them.</summary>
    public PublicSite Site => new(PublicBaseUrl);
}
