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
    /// The complaint's clocks after its priority changed (a re-triage or a member of staff's decision): the internal
    /// clocks are planned again for the new priority from the time it was received, as if it had had that priority
    /// from the start; a clock already met stays met, a paused one stays paused. Statutory clocks never move: the
    /// law's limit does not depend on how urgent we judge the complaint.
    /// </summary>
    public IReadOnlyList<Deadline> Replan(Complaint complaint, Priority priority)
    {
        var rules = Rules;
        var category = complaint.Triage?.PrimaryCategory ?? string.Empty;
        var profiles = complaint.Deadlines.Select(d => d.Clock).Where(c => c != DeadlineKinds.InternalClock)
            .Concat(complaint.Referrals.Select(r => r.Profile)).Distinct().ToList();
        var replanned = InternalClocks(rules, complaint, priority, category, profiles)
            .Select(fresh => complaint.Deadlines.FirstOrDefault(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == fresh.Kind) is { } old
                ? old.IsOpen ? fresh with { PausedAt = old.PausedAt } : old
                : fresh)
            .ToList();
        return [.. replanned, .. complaint.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock || replanned.All(r => r.Kind != d.Kind))];
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
        var policy = rules.Policy;
        var calendar = rules.Calendar(policy.Calendar);
        var clocks = new Dictionary<string, DurationSpec>(policy.Internal[priority.ToString()]);
        foreach (var rule in policy.Overrides.Where(o => Applies(o, complaint, priority, category, profiles)))
        {
            foreach (var (kind, spec) in rule.Clocks)
            {
                clocks[kind] = spec;
            }
        }

        return clocks.Select(c => Make(c.Key, DeadlineKinds.InternalClock, c.Value, complaint.ReceivedAt, calendar, pausable: true));
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
