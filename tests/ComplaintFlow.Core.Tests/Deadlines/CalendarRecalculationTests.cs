using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Deadlines.DeadlinePlanningTests;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

public sealed class CalendarRecalculationTests
{
    [Fact]
    public void On_request_a_running_clock_moves_onto_the_year_a_supervisor_entered_and_stops_being_provisional()
    {
        var received = new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.FromHours(8));
        var planned = new DeadlinePlanner(Rules).Plan(ComplaintAt(received), Triaged(Priority.P3));
        var resolve = planned.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.FromHours(8)), resolve.DueAt);
        Assert.True(resolve.Provisional);

        // An example year (not the published schedule) whose New Year break runs to Monday 4 January.
        var year = new CalendarYear
        {
            CalendarId = "cn",
            Year = 2027,
            Holidays = [new Holiday("元旦 New Year (example)", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 4))],
            Source = "test example",
            ChangedBy = "sup-1",
            ChangedAt = received,
        };
        var recomputed = new CalendarRecalculation(Rules, Rules.WithCalendarYears([year])).Recompute(planned);

        var moved = recomputed.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 10, 0, 0, TimeSpan.FromHours(8)), moved.DueAt);
        Assert.False(moved.Provisional);
        Assert.Equal(planned.Where(d => !DurationUnits.IsBusiness(d.Unit)), recomputed.Where(d => !DurationUnits.IsBusiness(d.Unit)));
    }
}
