using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// Gives a triaged complaint its clocks: the internal SLA for its priority (with category and channel overrides)
/// and every clock of the regulatory profiles that apply to it, all started when the complaint was received.
/// New clocks use the calendar years supervisors entered in the desk (<paramref name="years"/>): they are read again
/// at most once a <see cref="RefreshInterval"/> by <see cref="RefreshAsync"/>, so a complaint costs no calendar read
/// and a saved year reaches every instance within a minute. Without a store the shipped rules are used as they are.
/// </summary>
public sealed class DeadlinePlanner(DeadlineRules shipped, ICalendarYearStore? years = null, TimeProvider? time = null)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private volatile RulesRead? _current;

    private DeadlineRules Rules => _current?.Rules ?? shipped;

    /// <summary>Reads the entered years again when the last read is older than <see cref="RefreshInterval"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        if (years is null || (_current is { } current && now - current.ReadAt < RefreshInterval))
        {
            return;
        }

        _current = new RulesRead(shipped.WithCalendarYears(await years.ListAsync(cancellationToken)), now);
    }

    /// <summary>Makes the next <see cref="RefreshAsync"/> read the years (this instance just saved one).</summary>
    public void Forget()
    {
        if (_current is { } current)
        {
            _current = current with { ReadAt = DateTimeOffset.MinValue };
        }
    }

    public IReadOnlyList<Deadline> Plan(Complaint complaint, TriageResult triage)
    {
        var rules = Rules;
        var start = complaint.ReceivedAt;
        var profiles = ProfilesFor(complaint, triage).ToList();
        var deadlines = InternalClocks(rules, complaint, triage.Priority, triage.PrimaryCategory, profiles).ToList();
        foreach (var profileId in profiles)
        {
            var profile = rules.Policy.Profiles[profileId];
            var profileCalendar = rules.Calendar(profile.Calendar);
            deadlines.AddRange(profile.Clocks.Select(c => Make(c.Key, profileId, c.Value, start, profileCalendar, pausable: false)));
        }

        return deadlines;
    }

    /// <summary>
    /// The complaint's clocks after its priority changed (a re-triage or a member of staff's decision), decided
    /// <paramref name="at"/>. Each internal clock is planned again for the new priority as if the complaint had had
    /// it from the time it was received; a clock already met stays met, a paused one stays paused. Two promises
    /// bound the new date:
    /// <list type="bullet">
    /// <item>a raised priority never loosens a clock, and a target whose time from receipt has already passed runs
    /// from the change instead (a safety threat learnt three days in gets a person within the hour of learning it,
    /// not a breach dated three days back);</item>
    /// <item>a lowered priority never moves the first-response date of a sent acknowledgement later ("a member of our
    /// team will respond by ... at the latest", <see cref="CustomerPromise"/>): the desk keeps what it promised. The
    /// resolve date, which the letter gives as an aim, follows the new priority.</item>
    /// </list>
    /// Statutory clocks never move: the law's limit does not depend on how urgent we judge the complaint.
    /// </summary>
    public IReadOnlyList<Deadline> Replan(Complaint complaint, Priority priority, DateTimeOffset at)
    {
        var rules = Rules;
        var category = complaint.Triage?.PrimaryCategory ?? string.Empty;
        var raised = complaint.Triage is { } triage && priority < triage.Priority;
        var told = complaint.Notifications.Any(n => n.Kind == NotificationKind.Acknowledgement && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered);
        var profiles = complaint.Deadlines.Select(d => d.Clock).Where(c => c != DeadlineKinds.InternalClock)
            .Concat(complaint.Referrals.Select(r => r.Profile)).Distinct().ToList();
        var replanned = new List<Deadline>();
        foreach (var (kind, spec) in InternalSpecs(rules, complaint, priority, category, profiles))
        {
            var calendar = rules.Calendar(rules.Policy.Calendar);
            var fresh = Make(kind, DeadlineKinds.InternalClock, spec, complaint.ReceivedAt, calendar, pausable: true);
            var old = complaint.Deadlines.FirstOrDefault(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == kind);
            if (old is null)
            {
                replanned.Add(fresh);
                continue;
            }

            if (!old.IsOpen)
            {
                replanned.Add(old);
                continue;
            }

            if (raised && fresh.DueAt <= at)
            {
                fresh = Make(kind, DeadlineKinds.InternalClock, spec, at, calendar, pausable: true);
            }

            var keepOld = raised || (told && kind == DeadlineKinds.FirstResponse);
            replanned.Add(keepOld && old.DueAt <= fresh.DueAt ? old : fresh with { PausedAt = old.PausedAt });
        }

        return [.. replanned, .. complaint.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock || replanned.All(r => r.Kind != d.Kind))];
    }

    /// <summary>
    /// Event data for a change of priority: the old and new priority, why, and each internal clock that moved with its
    /// new and old date, so the history shows what the change did to the desk's targets.
    /// </summary>
    public static Dictionary<string, string> DescribeReplan(Complaint before, IReadOnlyList<Deadline> after, Priority to, string reason)
    {
        var data = new Dictionary<string, string>();
        foreach (var now in after.Where(d => d.Clock == DeadlineKinds.InternalClock && d.IsOpen))
        {
            var old = before.Deadlines.FirstOrDefault(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == now.Kind);
            if (old?.DueAt != now.DueAt)
            {
                data[$"internal:{now.Kind}"] = $"due {now.DueAt.ToString("o", CultureInfo.InvariantCulture)} (was {old?.DueAt.ToString("o", CultureInfo.InvariantCulture) ?? "none"})";
            }
        }

        data["from"] = before.Triage?.Priority.ToString() ?? string.Empty;
        data["to"] = to.ToString();
        data["reason"] = reason;
        return data;
    }

    /// <summary>Where the customer may refer the complaint: the referral of every profile that applies, in order.</summary>
    public IReadOnlyList<ReferralRight> ReferralsFor(Complaint complaint, TriageResult triage) =>
        [.. ProfilesFor(complaint, triage)
            .Select(id => (Id: id, Profile: Rules.Policy.Profiles[id]))
            .Where(p => p.Profile.Referral is not null)
            .Select(p => new ReferralRight { Profile = p.Id, Text = p.Profile.Referral! })];

    /// <summary>The follow-up callback owed after a resolution.</summary>
    public Deadline? PlanCallback(DateTimeOffset resolvedAt) =>
        Rules.Policy.Callback is { } spec
            ? Make(DeadlineKinds.Callback, DeadlineKinds.InternalClock, spec, resolvedAt, Rules.Calendar(null), pausable: true)
            : null;

    /// <summary>Tries at a follow-up that did not reach the customer before it is closed as unreachable.</summary>
    public int FollowUpAttempts => Rules.Policy.FollowUp?.Attempts ?? 1;

    /// <summary>The follow-up (回访) owed after every resolution, on the policy's calendar; it never pauses.</summary>
    public Deadline? PlanFollowUp(DateTimeOffset resolvedAt) =>
        Rules.Policy.FollowUp is { Within: { } within }
            ? Make(DeadlineKinds.FollowUp, DeadlineKinds.InternalClock, within, resolvedAt, Rules.Calendar(null), pausable: false)
            : null;

    /// <summary>
    /// The regulatory profiles of a complaint: the defaults, those of its category and channel, then the profile
    /// rules read in order for the market setting (by channel address, channel and category) until one says stop.
    /// </summary>
    public IEnumerable<string> ProfilesFor(Complaint complaint, TriageResult triage)
    {
        var rules = Rules;
        var policy = rules.Policy;
        var byRule = new List<string>();
        foreach (var rule in policy.ProfileRules.Where(r => r.Holds(rules.Market, complaint, triage.PrimaryCategory)))
        {
            byRule.AddRange(rule.Profiles);
            if (rule.Stop)
            {
                break;
            }
        }

        return policy.DefaultProfiles
            .Concat(policy.ProfilesByCategory.GetValueOrDefault(triage.PrimaryCategory) ?? [])
            .Concat(policy.ProfilesByChannel.GetValueOrDefault(complaint.Channel.ToString()) ?? [])
            .Concat(byRule)
            .Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<Deadline> InternalClocks(DeadlineRules rules, Complaint complaint, Priority priority, string category, IReadOnlyList<string> profiles)
    {
        var calendar = rules.Calendar(rules.Policy.Calendar);
        return InternalSpecs(rules, complaint, priority, category, profiles)
            .Select(c => Make(c.Key, DeadlineKinds.InternalClock, c.Value, complaint.ReceivedAt, calendar, pausable: true));
    }

    /// <summary>The internal clocks of a priority, after the overrides that hold for the complaint.</summary>
    private static Dictionary<string, DurationSpec> InternalSpecs(DeadlineRules rules, Complaint complaint, Priority priority, string category, IReadOnlyList<string> profiles)
    {
        var policy = rules.Policy;
        var clocks = new Dictionary<string, DurationSpec>(policy.Internal[priority.ToString()]);
        foreach (var rule in policy.Overrides.Where(o => Applies(o, complaint, priority, category, profiles)))
        {
            foreach (var (kind, spec) in rule.Clocks)
            {
                clocks[kind] = spec;
            }
        }

        return clocks;
    }

    private static bool Applies(PolicyOverride rule, Complaint complaint, Priority priority, string category, IReadOnlyList<string> profiles) =>
        (rule.Category is null || rule.Category == category)
        && (rule.Channel is null || string.Equals(rule.Channel, complaint.Channel.ToString(), StringComparison.OrdinalIgnoreCase))
        && (rule.Priorities is null || rule.Priorities.Contains(priority.ToString(), StringComparer.Ordinal))
        && (rule.Profile is null || profiles.Contains(rule.Profile, StringComparer.Ordinal));

    private static Deadline Make(string kind, string clock, DurationSpec spec, DateTimeOffset start, BusinessCalendar calendar, bool pausable)
    {
        var due = spec.From(start, calendar);
        return new()
        {
            Kind = kind,
            Clock = clock,
            StartedAt = start,
            DueAt = due,
            Unit = spec.Unit,
            Calendar = calendar.Id,
            Pausable = pausable,
            MetBy = spec.MetBy,
            // Working time counted past the calendar's data ignores holidays nobody has entered yet: the date may move.
            Provisional = DurationUnits.IsBusiness(spec.Unit) && !calendar.IsCovered(calendar.LocalDate(due)),
        };
    }

    private sealed record RulesRead(DeadlineRules Rules, DateTimeOffset ReadAt);
}

/// <summary>What made a complaint's priority change: the <c>trigger</c> of its <c>priority-changed</c> event.</summary>
public static class PriorityTriggers
{
    /// <summary>A member of staff decided it, with a reason.</summary>
    public const string Staff = "staff";

    /// <summary>The customer wrote again and their message, read by the triage rules, carries a higher risk.</summary>
    public const string CustomerReply = "customer-reply";
}
