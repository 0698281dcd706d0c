using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Core.Deadlines;

/// <summary><c>ComplaintFlow:Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "ComplaintFlow:Deadlines";

    /// <summary>A deadline policy JSON file replacing the embedded default.</summary>
    public string? PolicyPath { get; set; }

    /// <summary>A calendars JSON file replacing the embedded default.</summary>
    public string? CalendarsPath { get; set; }

    /// <summary>
    /// The market this desk serves (ISO 3166 region: <c>CN</c>, <c>GB</c>, <c>US</c>): the policy's profile rules choose
    /// the regulators of that market (a telecom complaint is MIIT's in China and Ofcom's in the UK).
    /// </summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string Market { get; set; } = "CN";

    /// <summary>Share of a window after which staff are warned (default 75 %).</summary>
    [Range(0.1, 0.99)]
    public double WarningFraction { get; set; } = 0.75;

    /// <summary>How far ahead the sweep reads the index to find warning points (covers windows up to 4x this).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "60.00:00:00")]
    public TimeSpan SweepHorizon { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Time between escalation tiers once a deadline is breached.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Tier 2: the team supervisors' address.</summary>
    [Required, EmailAddress]
    public string TeamSupervisorEmail { get; set; } = "supervisors@complaintflow.local";

    /// <summary>Tier 3: the head of service.</summary>
    [Required, EmailAddress]
    public string HeadOfServiceEmail { get; set; } = "head-of-service@complaintflow.local";
}
