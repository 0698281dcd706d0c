using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>Pausing while waiting on the customer must neither hide a breach nor move a deadline for nothing.</summary>
public sealed class PauseEdgeCaseTests
{
    private static readonly DeadlineClock Clock = new(Rules);

    private static Deadline Internal(BusinessCalendar calendar, string unit, DateTimeOffset started, DateTimeOffset due) => new()
    {
        Kind = DeadlineKinds.Resolve,
        Clock = DeadlineKinds.InternalClock,
        StartedAt = started,
        DueAt = due,
        Unit = unit,
        Calendar = calendar.Id,
        Pausable = true,
    };

    [Fact]
    public void A_clock_already_past_due_stays_breached_when_the_complaint_then_waits_on_the_customer()
    {
        var time = new FakeTimeProvider(Local(China, "2026-03-02 10:00"));
        var resolve = Internal(China, DurationUnits.BusinessDays, time.GetUtcNow(), Local(China, "2026-03-04 10:00"));

        time.SetUtcNow(Local(China, "2026-03-05 10:00")); // a day late, the agent asks the customer for a bill
        var paused = Clock.Pause([resolve], time.GetUtcNow());
        time.Advance(TimeSpan.FromDays(2));
        var resumed = Clock.Resume(paused, time.GetUtcNow());

        Assert.Null(paused[0].PausedAt);
        Assert.Equal(resolve.DueAt, resumed[0].DueAt);
    }

    [Fact]
    public void A_close_of_business_clock_paused_over_a_weekend_keeps_its_Friday_close()
    {
        var time = new FakeTimeProvider(Local(China, "2026-03-02 10:00"));
        var summary = Internal(China, DurationUnits.EndOfBusinessDay, time.GetUtcNow(), Local(China, "2026-03-06 18:00"));

        time.SetUtcNow(Local(China, "2026-03-07 10:00"));
        var paused = Clock.Pause([summary], Local(China, "2026-03-06 18:30")); // after close on Friday
        var resumed = Clock.Resume(paused, time.GetUtcNow()); // the customer answers on Saturday

        Assert.Equal(summary.DueAt, resumed[0].DueAt);
    }

    [Fact]
    public void A_calendar_day_clock_paused_over_the_UK_clock_change_gets_two_whole_days_back()
    {
        var time = new FakeTimeProvider(Local(England, "2026-03-27 10:00"));
        var resolve = Internal(England, DurationUnits.CalendarDays, time.GetUtcNow(), Local(England, "2026-04-10 10:00"));

        time.SetUtcNow(Local(England, "2026-03-28 10:00"));
        var paused = Clock.Pause([resolve], time.GetUtcNow());
        time.SetUtcNow(Local(England, "2026-03-30 10:00")); // two days on the wall clock, 47 hours elapsed
        var resumed = Clock.Resume(paused, time.GetUtcNow());

        Assert.Equal(Local(England, "2026-04-12 10:00"), resumed[0].DueAt);
    }

    [Fact]
    public void An_hour_clock_paused_over_the_UK_clock_change_gets_the_elapsed_hours_back()
    {
        var time = new FakeTimeProvider(Local(England, "2026-03-27 10:00"));
        var acknowledge = Internal(England, DurationUnits.Hours, time.GetUtcNow(), Local(England, "2026-03-31 10:00"));

        var paused = Clock.Pause([acknowledge], Local(England, "2026-03-28 10:00"));
        var resumed = Clock.Resume(paused, Local(England, "2026-03-30 10:00"));

        Assert.Equal(TimeSpan.FromHours(47), resumed[0].DueAt - acknowledge.DueAt);
    }
}
