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
        var policy = rules.Policy;
        var start = complaint.ReceivedAt;
        var calendar = rules.Calendar(policy.Calendar);
        var clocks = new Dictionary<string, DurationSpec>(policy.Internal[triage.Priority.ToString()]);
        foreach (var rule in policy.Overrides.Where(o => Applies(o, complaint, triage)))
        {
            foreach (var (kind, spec) in rule.Clocks)
            {
                clocks[kind] = spec;
            }
        }

        var deadlines = clocks.Select(c => Make(c.Key, DeadlineKinds.InternalClock, c.Value, start, calendar, pausable: true)).ToList();
        foreach (var profileId in ProfilesFor(complaint, triage))
        {
            var profile = policy.Profiles[profileId];
            var profileCalendar = rules.Calendar(profile.Calendar);
            deadlines.AddRange(profile.Clocks.Select(c => Make(c.Key, profileId, c.Value, start, profileCalendar, pausable: false)));
        }

        return deadlines;
    }

    /// <summary>The follow-up callback owed after a resolution.</summary>
    public Deadline? PlanCallback(DateTimeOffset resolvedAt) =>
        Rules.Policy.Callback is { } spec
            ? Make(DeadlineKinds.Callback, DeadlineKinds.InternalClock, spec, resolvedAt, Rules.Calendar(null), pausable: true)
            : null;

    public IEnumerable<string> ProfilesFor(Complaint complaint, TriageResult triage)
    {
        var policy = Rules.Policy;
        return policy.DefaultProfiles
            .Concat(policy.ProfilesByCategory.GetValueOrDefault(triage.PrimaryCategory) ?? [])
            .Concat(policy.ProfilesByChannel.GetValueOrDefault(complaint.Channel.ToString()) ?? [])
            .Distinct(StringComparer.Ordinal);
    }

    private static bool Applies(PolicyOverride rule, Complaint complaint, TriageResult triage) =>
        (rule.Category is not null || rule.Channel is not null)
        && (rule.Category is null || rule.Category == triage.PrimaryCategory)
        && (rule.Channel is null || string.Equals(rule.Channel, complaint.Channel.ToString(), StringComparison.OrdinalIgnoreCase));

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
