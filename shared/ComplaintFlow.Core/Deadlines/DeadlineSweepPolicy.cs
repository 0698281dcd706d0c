using ComplaintFlow.Core.Complaints;
namespace ComplaintFlow.Core.Deadlines;

public enum SweepActionKind
{
    Nothing,

    /// <summary>The warning fraction of the window has passed: tell the owner.</summary>
    Warn,

    /// <summary>Breached: escalate to the next tier (owner → team supervisor → head of service).</summary>
    Escalate,

    /// <summary>A statutory deadline will not be met: send the customer a holding reply before it passes.</summary>
    HoldingNotice,

    /// <summary>A profile's deadline is near: tell the customer where the complaint stands, unless they heard from us lately.</summary>
    ProgressNotice,
}

public sealed record SweepAction(SweepActionKind Kind, int Tier = 0);

/// <summary>
/// Decides what a sweep does about one deadline, from the deadline's own record of what was already done, so
/// running it twice (two sweeps at once, a redelivered timer) never warns or escalates twice.
/// </summary>
public sealed class DeadlineSweepPolicy(DeadlineOptions options, DeadlineRules rules)
{
    public const int Tiers = 3;

    public SweepAction Decide(Deadline deadline, DateTimeOffset now)
    {
        if (!deadline.IsOpen || deadline.PausedAt is not null)
        {
            return new SweepAction(SweepActionKind.Nothing);
        }

        if (now >= deadline.DueAt)
        {
            if (deadline.EscalationTier >= Tiers)
            {
                return new SweepAction(SweepActionKind.Nothing);
            }

            var nextAt = deadline.EscalationTier == 0
                ? deadline.DueAt
                : (deadline.LastEscalatedAt ?? deadline.DueAt) + options.EscalationInterval;
            return now >= nextAt ? new SweepAction(SweepActionKind.Escalate, deadline.EscalationTier + 1) : new SweepAction(SweepActionKind.Nothing);
        }

        if (deadline.HoldingNoticeAt is null && HoldingNoticeDue(deadline) is { } holdingAt && now >= holdingAt)
        {
            return new SweepAction(SweepActionKind.HoldingNotice);
        }

        if (deadline.WarnedAt is null && now >= WarningAt(deadline))
        {
            return new SweepAction(SweepActionKind.Warn);
        }

        // After the owner's warning when both are due: one action per sweep, the customer's notice a sweep later.
        if (deadline.ProgressNoticeAt is null && ProgressNoticeDue(deadline) is { } progressAt && now >= progressAt)
        {
            return new SweepAction(SweepActionKind.ProgressNotice);
        }

        return new SweepAction(SweepActionKind.Nothing);
    }

    public DateTimeOffset WarningAt(Deadline deadline) => deadline.StartedAt + (deadline.Window * options.WarningFraction);

    /// <summary>When a holding notice is owed for a statutory clock that defines one; null when it defines none.</summary>
    public DateTimeOffset? HoldingNoticeDue(Deadline deadline) =>
        Spec(deadline)?.HoldingNoticeBefore is { } lead ? lead.Before(deadline.DueAt, rules.Calendar(deadline.Calendar)) : null;

    /// <summary>When the progress notice of a profile's clock is considered; null when the clock defines none.</summary>
    public DateTimeOffset? ProgressNoticeDue(Deadline deadline) =>
        Spec(deadline)?.ProgressNotice is { } progress ? progress.Before.Before(deadline.DueAt, rules.Calendar(deadline.Calendar)) : null;

    /// <summary>
    /// Whether the customer heard from us recently enough (<see cref="ProgressNoticeSpec.UnlessContactedWithin"/> before
    /// <paramref name="now"/>, on the clock's calendar) that the progress notice is not needed.
    /// </summary>
    public bool RecentlyContacted(Deadline deadline, DateTimeOffset? lastContact, DateTimeOffset now) =>
        lastContact is { } last && Spec(deadline)?.ProgressNotice is { } progress
        && progress.UnlessContactedWithin.From(last, rules.Calendar(deadline.Calendar)) > now;

    /// <summary>The deadline after a holding notice: extended where the rule allows it (FCA payment services 15 → 35 business days).</summary>
    public DateTimeOffset ExtendedDue(Deadline deadline) =>
        Spec(deadline)?.Extension is { Amount: > 0 } extension ? extension.From(deadline.DueAt, rules.Calendar(deadline.Calendar)) : deadline.DueAt;

    /// <summary>The referral of the deadline's profile in the customer's language.</summary>
    public string? Referral(Deadline deadline, string language) =>
        rules.Policy.Profiles.GetValueOrDefault(deadline.Clock)?.Referral is { } referral
            ? new ReferralRight { Profile = deadline.Clock, Text = referral }.In(language)
            : null;

    private DurationSpec? Spec(Deadline deadline) =>
        rules.Policy.Profiles.TryGetValue(deadline.Clock, out var profile) ? profile.Clocks.GetValueOrDefault(deadline.Kind) : null;
}
