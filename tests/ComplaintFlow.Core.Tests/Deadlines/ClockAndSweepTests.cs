using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>Pausing while waiting on the customer, meeting milestones, and what the sweep decides.</summary>
public sealed class ClockAndSweepTests
{
    private static readonly DeadlineRules Rules = DeadlineRules.Load(new DeadlineOptions());
    private static readonly DeadlineClock Clock = new(Rules);
    private static readonly DateTimeOffset Monday10 = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private static Deadline Internal(string kind, string unit, DateTimeOffset due, string metBy = MilestoneNames.Resolution) => new()
    {
        Kind = kind,
        Clock = DeadlineKinds.InternalClock,
        StartedAt = Monday10,
        DueAt = due,
        Unit = unit,
        Calendar = "cn",
        Pausable = true,
        MetBy = metBy,
    };

    private static Deadline Statutory(string clock, string kind, DateTimeOffset due) => new()
    {
        Kind = kind,
        Clock = clock,
        StartedAt = Monday10,
        DueAt = due,
        Unit = DurationUnits.CalendarDays,
        Calendar = "cn",
        Pausable = false,
    };

    [Fact]
    public void Waiting_on_the_customer_pauses_internal_clocks_but_never_statutory_ones()
    {
        var deadlines = new[] { Internal("resolve", DurationUnits.BusinessDays, Monday10.AddDays(7)), Statutory("miit-telecom", "reply", Monday10.AddDays(15)) };

        var paused = Clock.Pause(deadlines, Monday10.AddHours(1));

        Assert.Equal(Monday10.AddHours(1), paused[0].PausedAt);
        Assert.Null(paused[1].PausedAt);
    }

    [Fact]
    public void Resuming_extends_a_business_day_clock_by_the_working_time_paused_not_the_weekend()
    {
        // Paused Friday 17:00, the customer replies Monday 10:00: one working hour on Friday, one on Monday.
        var friday17 = new DateTimeOffset(2026, 3, 6, 17, 0, 0, TimeSpan.FromHours(8));
        var monday10 = new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8));
        var deadline = Internal("resolve", DurationUnits.BusinessDays, new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(8)));

        var resumed = Clock.Resume(Clock.Pause([deadline], friday17), monday10);

        Assert.Equal(new DateTimeOffset(2026, 3, 12, 12, 0, 0, TimeSpan.FromHours(8)), resumed[0].DueAt);
        Assert.Null(resumed[0].PausedAt);
        Assert.Contains("+2 h", DeadlineClock.Describe([deadline], resumed).Values.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_extends_a_calendar_clock_by_the_wall_time_paused()
    {
        var deadline = Internal("acknowledge", DurationUnits.Hours, Monday10.AddHours(24));

        var resumed = Clock.Resume(Clock.Pause([deadline], Monday10.AddHours(2)), Monday10.AddHours(5));

        Assert.Equal(Monday10.AddHours(27), resumed[0].DueAt);
    }

    [Fact]
    public void Acknowledgement_meets_only_the_deadlines_it_is_for_and_resolution_meets_the_rest()
    {
        var deadlines = new[]
        {
            Internal("acknowledge", DurationUnits.Hours, Monday10.AddHours(24), MilestoneNames.Acknowledgement),
            Internal("resolve", DurationUnits.BusinessDays, Monday10.AddDays(7)),
            Statutory("miit-telecom", "reply", Monday10.AddDays(15)),
        };

        var acknowledged = Deadline.MeetAll(deadlines, MilestoneNames.Acknowledgement, Monday10.AddHours(1));
        var resolved = Deadline.MeetAll(acknowledged, MilestoneNames.Resolution, Monday10.AddDays(3));

        Assert.Equal([true, false, false], acknowledged.Select(d => d.MetAt is not null));
        Assert.Equal(Monday10.AddHours(1), resolved[0].MetAt);
        Assert.All(resolved, d => Assert.NotNull(d.MetAt));
    }

    private static readonly DeadlineSweepPolicy Sweep = new(new DeadlineOptions { WarningFraction = 0.75, EscalationInterval = TimeSpan.FromHours(4) }, Rules);

    [Fact]
    public void Sweep_warns_at_three_quarters_of_the_window_and_only_once()
    {
        var deadline = Internal("resolve", DurationUnits.Hours, Monday10.AddHours(8));

        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(deadline, Monday10.AddHours(5.9)).Kind);
        Assert.Equal(SweepActionKind.Warn, Sweep.Decide(deadline, Monday10.AddHours(6)).Kind);
        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(deadline with { WarnedAt = Monday10.AddHours(6) }, Monday10.AddHours(7)).Kind);
    }

    [Fact]
    public void Breach_escalates_tier_by_tier_at_the_escalation_interval_and_stops_at_the_head_of_service()
    {
        var due = Monday10.AddHours(8);
        var deadline = Internal("resolve", DurationUnits.Hours, due) with { WarnedAt = Monday10.AddHours(6) };

        var first = Sweep.Decide(deadline, due);
        var tier1 = deadline with { EscalationTier = 1, LastEscalatedAt = due };
        var tooSoon = Sweep.Decide(tier1, due.AddHours(3));
        var second = Sweep.Decide(tier1, due.AddHours(4));
        var tier3 = deadline with { EscalationTier = 3, LastEscalatedAt = due.AddHours(8) };

        Assert.Equal(new SweepAction(SweepActionKind.Escalate, 1), first);
        Assert.Equal(SweepActionKind.Nothing, tooSoon.Kind);
        Assert.Equal(new SweepAction(SweepActionKind.Escalate, 2), second);
        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(tier3, due.AddDays(3)).Kind);
    }

    [Fact]
    public void Paused_or_met_deadlines_are_never_escalated()
    {
        var due = Monday10.AddHours(8);
        var deadline = Internal("resolve", DurationUnits.Hours, due);

        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(deadline with { PausedAt = Monday10 }, due.AddDays(1)).Kind);
        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(deadline with { MetAt = Monday10 }, due.AddDays(1)).Kind);
    }

    [Fact]
    public void Fca_final_response_gets_a_holding_notice_a_week_before_eight_weeks_pass()
    {
        var received = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var due = new DateTimeOffset(2026, 4, 27, 10, 0, 0, TimeSpan.FromHours(1));
        var deadline = new Deadline { Kind = "final-response", Clock = "fca-disp", StartedAt = received, DueAt = due, Unit = DurationUnits.Weeks, Calendar = "gb", WarnedAt = received.AddDays(42) };

        Assert.Equal(new DateTimeOffset(2026, 4, 20, 10, 0, 0, TimeSpan.FromHours(1)), Sweep.HoldingNoticeDue(deadline));
        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(deadline, due.AddDays(-8)).Kind);
        Assert.Equal(SweepActionKind.HoldingNotice, Sweep.Decide(deadline, due.AddDays(-7)).Kind);
        Assert.Equal(SweepActionKind.Nothing, Sweep.Decide(deadline with { HoldingNoticeAt = due.AddDays(-7) }, due.AddDays(-6)).Kind);
        Assert.Equal(due, Sweep.ExtendedDue(deadline));
    }

    [Fact]
    public void Payment_services_holding_notice_extends_15_business_days_to_35()
    {
        var received = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var due15 = new DateTimeOffset(2026, 3, 23, 17, 30, 0, TimeSpan.Zero);
        var deadline = new Deadline { Kind = "final-response", Clock = "fca-payments", StartedAt = received, DueAt = due15, Unit = DurationUnits.EndOfBusinessDay, Calendar = "gb" };

        // Close of the 35th business day: 20 more from 23 March, skipping Good Friday and Easter Monday.
        Assert.Equal(new DateTimeOffset(2026, 4, 22, 17, 30, 0, TimeSpan.FromHours(1)), Sweep.ExtendedDue(deadline));
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 17, 30, 0, TimeSpan.Zero), Sweep.HoldingNoticeDue(deadline));
    }
}
