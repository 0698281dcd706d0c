using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Core.Desk;

/// <summary><c>ComplaintFlow:Portal</c>.</summary>
public sealed class PortalOptions
{
    public const string Section = "ComplaintFlow:Portal";

    /// <summary>A complaint with a deadline within this window (and none passed) is "due soon".</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan DueSoonHorizon { get; set; } = TimeSpan.FromHours(8);

    public static IReadOnlyList<string> DefaultRootCauses { get; } = ["our-error", "third-party", "customer-misunderstanding", "policy", "unfounded"];

    /// <summary>
    /// The root-cause taxonomy a resolution must choose from, when it differs from <see cref="DefaultRootCauses"/>.
    /// Reported on the dashboard so recurring causes are fixed at the source.
    /// </summary>
    // Empty by default: configuration binding appends to a pre-filled list instead of replacing it.
    public IList<string> RootCauses { get; set; } = [];

    public IReadOnlyList<string> RootCauseTaxonomy => RootCauses.Count > 0 ? [.. RootCauses] : DefaultRootCauses;

    /// <summary>A survey score at or below this reopens the complaint for a callback.</summary>
    [Range(1, 4)]
    public int DissatisfiedAtOrBelow { get; set; } = 2;

    /// <summary>
    /// The IANA time zone the desk writes its dates in, named in every date ("北京时间", "China Standard Time"),
    /// whatever the zone of the browser.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Staff a complaint can be assigned to before they have ever signed in (user ids as the identity provider names
    /// them); everyone who signs in is known as well.
    /// </summary>
    public IList<string> Staff { get; set; } = [];

    /// <summary>
    /// The desk's teams by id (<c>Teams:billing:Name</c>, <c>Teams:billing:Members:0</c>): a complaint can be handed to
    /// a team, whose queue holds it until a member takes it; members count as known staff. Checked at start
    /// (<see cref="TeamDirectory.Problems"/>).
    /// </summary>
    // Empty by default: configuration binding merges into a pre-filled dictionary instead of replacing it.
    public Dictionary<string, TeamOptions> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The most a person in a role (<c>agent</c>, <c>supervisor</c>) records as compensation in a currency on their own,
    /// e.g. <c>CompensationLimits:agent:GBP = 200</c>; above it the compensation waits for a supervisor's approval. A
    /// role with no limit for a currency records nothing in it unapproved; a supervisor has the higher of the two roles'
    /// limits. Empty: <see cref="CompensationLimitDefaults.Limits"/>. Checked at start (<see cref="CompensationLimits"/>).
    /// </summary>
    // Empty by default: configuration binding merges into a pre-filled dictionary instead of replacing it.
    public Dictionary<string, Dictionary<string, decimal>> CompensationLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The most anyone, approved or not, can record in a currency (<c>CompensationCeilings:GBP = 5000</c>): an amount
    /// above it is a typo or worse. A currency without a ceiling is not offered. Empty: <see cref="CompensationLimitDefaults.Ceilings"/>.
    /// </summary>
    public Dictionary<string, decimal> CompensationCeilings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Longest internal note or resolution a person can write.</summary>
    [Range(100, 20_000)]
    public int MaxTextLength { get; set; } = 8_000;
}
