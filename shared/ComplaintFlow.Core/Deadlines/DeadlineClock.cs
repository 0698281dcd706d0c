using System.Globalization;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// What happens to a complaint's clocks when it waits on the customer, when they reply, and when a milestone is
/// reached. Internal SLA clocks pause and are extended by the time paused, measured in their own unit (a pause over
/// a weekend costs a business-day clock nothing); statutory clocks never pause.
/// </summary>
public sealed class DeadlineClock(DeadlineRules rules)
{
    public IReadOnlyList<Deadline> Pause(IReadOnlyList<Deadline> deadlines, DateTimeOffset at) =>
        [.. deadlines.Select(d => d.IsOpen && d.Pausable && d.PausedAt is null ? d with { PausedAt = at } : d)];

    public IReadOnlyList<Deadline> Resume(IReadOnlyList<Deadline> deadlines, DateTimeOffset at) =>
        [.. deadlines.Select(d => d.PausedAt is { } since && d.IsOpen ? Extend(d, since, at) with { PausedAt = null } : d)];

    /// <summary>Marks every open deadline met by this milestone; a resolution meets everything still open.</summary>
    public static IReadOnlyList<Deadline> Meet(IReadOnlyList<Deadline> deadlines, string milestone, DateTimeOffset at) =>
        [.. deadlines.Select(d => d.IsOpen && (d.MetBy == milestone || milestone == MilestoneNames.Resolution) && d.Kind != DeadlineKinds.Callback
            ? d with { MetAt = at, PausedAt = null }
            : d)];

    /// <summary>Event data for a <c>paused</c>/<c>resumed</c> entry in the history: which clocks, and by how much.</summary>
    public static Dictionary<string, string> Describe(IReadOnlyList<Deadline> before, IReadOnlyList<Deadline> after)
    {
        var data = new Dictionary<string, string>();
        foreach (var (old, now) in before.Zip(after))
        {
            if (old != now)
            {
                data[$"{now.Clock}:{now.Kind}"] = now.PausedAt is not null
                    ? "paused"
                    : $"due {now.DueAt.ToString("o", CultureInfo.InvariantCulture)} (+{(now.DueAt - old.DueAt).TotalHours:0.##} h)";
            }
        }

        return data;
    }

    private Deadline Extend(Deadline deadline, DateTimeOffset since, DateTimeOffset until)
    {
        var calendar = rules.Calendar(deadline.Calendar);
        var due = DurationUnits.IsBusiness(deadline.Unit)
            ? calendar.AddBusinessTime(deadline.DueAt, calendar.BusinessTimeBetween(since, until))
            : deadline.DueAt + (until - since);
        return deadline with { DueAt = due };
    }
}
