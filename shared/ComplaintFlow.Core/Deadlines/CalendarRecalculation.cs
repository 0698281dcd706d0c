using ComplaintFlow.Core.Complaints;
namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// Moves running clocks onto a changed calendar, on request (a supervisor asks for it when saving a year): a saved
/// year applies by itself only to clocks started after it, because a customer may already hold a date we gave them.
/// The working time each clock allowed is kept; only the days it falls on change. Clocks in hours, calendar days or
/// weeks do not depend on holidays and are left alone, as are met and paused clocks (a paused clock is extended from
/// the calendar in force when it resumes).
/// </summary>
public sealed class CalendarRecalculation(DeadlineRules before, DeadlineRules after)
{
    public IReadOnlyList<Deadline> Recompute(IReadOnlyList<Deadline> deadlines) => [.. deadlines.Select(Recompute)];

    public Deadline Recompute(Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (!deadline.IsOpen || deadline.PausedAt is not null || !DurationUnits.IsBusiness(deadline.Unit))
        {
            return deadline;
        }

        var old = before.Calendar(deadline.Calendar);
        var now = after.Calendar(deadline.Calendar);
        var due = now.AddBusinessTime(deadline.StartedAt, old.BusinessTimeBetween(deadline.StartedAt, deadline.DueAt));
        return deadline with { DueAt = due, Provisional = !now.IsCovered(now.LocalDate(due)) };
    }
}
