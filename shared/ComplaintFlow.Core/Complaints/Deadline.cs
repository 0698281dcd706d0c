using ComplaintFlow.Core.Deadlines;
namespace ComplaintFlow.Core.Complaints;

public static class DeadlineKinds
{
    public const string InternalClock = "internal";
    public const string Acknowledge = "acknowledge";
    public const string FirstResponse = "first-response";
    public const string Resolve = "resolve";
    public const string Callback = "callback";

    /// <summary>The follow-up (回访) owed after a resolution; met when its outcome is recorded or the survey answered.</summary>
    public const string FollowUp = "follow-up";
}

/// <summary>The moments that meet deadlines.</summary>
public static class MilestoneNames
{
    public const string Acknowledgement = "acknowledgement";
    public const string FirstContact = "first-contact";
    public const string Resolution = "resolution";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { Acknowledgement, FirstContact, Resolution };
}

/// <summary>One clock running on a complaint: an internal SLA target or a statutory limit.</summary>
public sealed record Deadline
{
    /// <summary>What must happen by then: <c>acknowledge</c>, <c>resolve</c>, <c>final-response</c>...</summary>
    public required string Kind { get; init; }

    /// <summary><c>internal</c> for our own SLA, otherwise the regulatory profile whose clock this is.</summary>
    public required string Clock { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? MetAt { get; init; }

    /// <summary>How the window is measured, so a pause extends it in the same unit (business time stays business time).</summary>
    public string Unit { get; init; } = DurationUnits.Hours;

    /// <summary>The business calendar of this clock.</summary>
    public string? Calendar { get; init; }

    /// <summary>The milestone that meets it (see <see cref="MilestoneNames"/>).</summary>
    public string MetBy { get; init; } = MilestoneNames.Resolution;

    /// <summary>Internal SLA clocks pause while waiting on the customer; statutory clocks never do.</summary>
    public bool Pausable { get; init; }

    /// <summary>Set while the clock is paused.</summary>
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>When the sweep warned that this deadline is close (at the warning fraction of its window).</summary>
    public DateTimeOffset? WarnedAt { get; init; }

    /// <summary>Escalation tiers already reached after the breach (0 = none).</summary>
    public int EscalationTier { get; init; }

    public DateTimeOffset? LastEscalatedAt { get; init; }

    /// <summary>When a holding notice was sent to the customer for this clock.</summary>
    public DateTimeOffset? HoldingNoticeAt { get; init; }

    /// <summary>When the sweep decided this clock's progress notice (sent, or not needed because the customer heard from us).</summary>
    public DateTimeOffset? ProgressNoticeAt { get; init; }

    /// <summary>
    /// Working time was counted past the last date its calendar covers (<see cref="BusinessCalendar.CoveredThrough"/>),
    /// so holidays not yet published were not skipped: the desk and the customer's notice say the date may move.
    /// </summary>
    public bool Provisional { get; init; }

    public bool IsOpen => MetAt is null;

    public TimeSpan Window => DueAt - StartedAt;

    /// <summary>Marks every open deadline met by this milestone; a resolution meets everything still open.</summary>
    public static IReadOnlyList<Deadline> MeetAll(IReadOnlyList<Deadline> deadlines, string milestone, DateTimeOffset at) =>
        [.. deadlines.Select(d => d.IsOpen && (d.MetBy == milestone || milestone == MilestoneNames.Resolution) && d.Kind is not (DeadlineKinds.Callback or DeadlineKinds.FollowUp)
            ? d with { MetAt = at, PausedAt = null }
            : d)];
}
