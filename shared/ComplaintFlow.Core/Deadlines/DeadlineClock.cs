using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// What happens to a complaint's clocks when it waits on the customer, when they reply, and when a milestone is
/// reached. Internal SLA clocks pause and are extended by the time paused, measured in their own unit (a pause over
/// a weekend costs a business-day clock nothing); statutory clocks never pause.
/// </summary>
public sealed class DeadlineClock(DeadlineRules rules)
{
    /// <summary>Stops the open internal clocks; one already past due stays breached, so it does not stop.</summary>
    public IReadOnlyList<Deadline> Pause(IReadOnlyList<Deadline> deadlines, DateTimeOffset at) =>
        [.. deadlines.Select(d => d.IsOpen && d.Pausable && d.PausedAt is null && d.DueAt > at ? d with { PausedAt = at } : d)];

    public IReadOnlyList<Deadline> Resume(IReadOnlyList<Deadline> deadlines, DateTimeOffset at) =>
        [.. deadlines.Select(d => d.PausedAt is { } since && d.IsOpen ? Extend(d, since, at) with { PausedAt = null } : d)];

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
        var due = deadline.Unit switch
        {
            _ when DurationUnits.IsBusiness(deadline.Unit) => calendar.AddBusinessTime(deadline.DueAt, calendar.BusinessTimeBetween(since, until)),
            // Day clocks get back days on the wall clock, so a pause over a DST change does not shift the hour.
            DurationUnits.CalendarDays or DurationUnits.Weeks => calendar.AddWallClockTime(deadline.DueAt, calendar.WallClockTimeBetween(since, until)),
            _ => deadline.DueAt + (until - since),
        };
        return deadline with { DueAt = due };
    }
}
