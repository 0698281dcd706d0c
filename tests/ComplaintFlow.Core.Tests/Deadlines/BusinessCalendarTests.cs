using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>Business and calendar arithmetic on the shipped calendars: holidays, make-up days, DST, year end.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly DeadlineRules Rules = DeadlineRules.Load(new DeadlineOptions());
    private static readonly BusinessCalendar China = Rules.Calendar("cn");
    private static readonly BusinessCalendar England = Rules.Calendar("gb");
    private static readonly BusinessCalendar UnitedStates = Rules.Calendar("us");

    private static DateTimeOffset Local(BusinessCalendar calendar, string local) =>
        calendar.At(DateOnly.Parse(local[..10], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(local[11..], System.Globalization.CultureInfo.InvariantCulture));

    private static string Show(BusinessCalendar calendar, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, calendar.Zone).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-02-14", true)]   // Saturday worked in lieu before the Spring Festival
    [InlineData("2026-02-15", false)]  // first day of the nine-day Spring Festival holiday
    [InlineData("2026-02-23", false)]  // last day of it, a Monday
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]   // Saturday worked in lieu after it
    [InlineData("2026-03-01", false)]  // an ordinary Sunday
    [InlineData("2026-09-20", true)]   // Sunday worked in lieu before National Day
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)]   // Saturday worked in lieu after National Day
    public void Chinese_calendar_follows_the_2026_state_council_schedule(string day, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Seven_working_days_from_before_the_spring_festival_skip_the_whole_holiday_and_count_both_make_up_saturdays()
    {
        // Thursday 12 Feb 10:00: Fri 13, Sat 14 (make-up), the holiday 15–23, Tue 24 … Fri 27, Sat 28 (make-up).
        var due = China.AddBusinessDays(Local(China, "2026-02-12 10:00"), 7);

        Assert.Equal("2026-02-28 10:00 +08:00", Show(China, due));
    }

    [Fact]
    public void One_working_day_from_the_last_day_before_national_day_lands_after_golden_week()
    {
        var due = China.AddBusinessDays(Local(China, "2026-09-30 15:00"), 1);

        Assert.Equal("2026-10-08 15:00 +08:00", Show(China, due));
    }

    [Fact]
    public void Complaint_received_after_closing_counts_business_time_from_the_next_opening()
    {
        var due = China.AddBusinessTime(Local(China, "2026-03-06 20:00"), TimeSpan.FromHours(4)); // Friday evening

        Assert.Equal("2026-03-09 13:00 +08:00", Show(China, due));
    }

    [Fact]
    public void Business_hours_carry_over_the_close_of_day()
    {
        var due = China.AddBusinessTime(Local(China, "2026-03-03 16:00"), TimeSpan.FromHours(4));

        Assert.Equal("2026-03-04 11:00 +08:00", Show(China, due));
    }

    [Fact]
    public void Fca_summary_resolution_deadline_is_close_of_business_on_the_third_business_day_across_easter()
    {
        // Received Thursday 2 April 2026; Good Friday 3 and Easter Monday 6 April are bank holidays.
        var due = England.EndOfBusinessDay(Local(England, "2026-04-02 11:00"), 3);

        Assert.Equal("2026-04-09 17:30 +01:00", Show(England, due));
    }

    [Fact]
    public void Eight_weeks_in_calendar_time_keep_the_local_time_across_the_uk_clock_change()
    {
        // BST starts on 29 March 2026: the deadline keeps 10:00 local, so it is an hour less in UTC.
        var start = Local(England, "2026-03-02 10:00");
        var due = England.AddCalendarDays(start, 56);

        Assert.Equal("2026-04-27 10:00 +01:00", Show(England, due));
        Assert.Equal(TimeSpan.FromDays(56) - TimeSpan.FromHours(1), due - start);
    }

    [Fact]
    public void Business_hours_across_the_us_spring_forward_count_working_time_not_wall_time()
    {
        // DST starts Sunday 8 March 2026 at 02:00 in New York; the weekend is not worked anyway.
        var due = UnitedStates.AddBusinessTime(Local(UnitedStates, "2026-03-06 15:00"), TimeSpan.FromHours(3));

        Assert.Equal("2026-03-09 10:00 -04:00", Show(UnitedStates, due));
    }

    [Fact]
    public void Local_time_skipped_by_the_clock_change_moves_past_the_gap()
    {
        var at = UnitedStates.At(new DateOnly(2026, 3, 8), new TimeOnly(2, 30));

        Assert.Equal("2026-03-08 03:00 -04:00", Show(UnitedStates, at));
    }

    [Fact]
    public void Ambiguous_local_time_when_the_clocks_go_back_is_its_first_occurrence()
    {
        var at = England.At(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    [Fact]
    public void Business_days_across_the_year_end_skip_christmas_boxing_day_substitute_and_new_year()
    {
        // Wednesday 23 Dec 2026 + 3 business days: Thu 24, [Fri 25, Mon 28 holidays], Tue 29, Wed 30.
        var due = England.AddBusinessDays(Local(England, "2026-12-23 09:30"), 3);

        Assert.Equal("2026-12-30 09:30 +00:00", Show(England, due));
        Assert.Equal("2027-01-04 09:30 +00:00", Show(England, England.AddBusinessDays(Local(England, "2026-12-30 09:30"), 2)));
    }

    [Fact]
    public void Working_time_between_two_instants_ignores_nights_weekends_and_holidays()
    {
        var worked = China.BusinessTimeBetween(Local(China, "2026-04-03 17:00"), Local(China, "2026-04-07 10:00"));

        // Friday 17:00–18:00, Qingming holiday Sat 4 – Mon 6, Tuesday 09:00–10:00.
        Assert.Equal(TimeSpan.FromHours(2), worked);
    }

    [Fact]
    public void Subtracting_business_days_walks_back_over_holidays()
    {
        var at = England.SubtractBusinessDays(Local(England, "2026-04-08 12:00"), 2);

        Assert.Equal("2026-04-02 12:00 +01:00", Show(England, at));
    }
}
