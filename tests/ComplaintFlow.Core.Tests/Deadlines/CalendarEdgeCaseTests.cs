using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>
/// The corners of the shipped calendars that deadlines fall into: make-up Sundays, golden week, the first and last
/// hour of the working day, DST days and the 2026 to 2027 year end.
/// </summary>
public sealed class CalendarEdgeCaseTests
{
    [Fact]
    public void A_complaint_on_the_Saturday_before_the_make_up_Sunday_counts_from_that_Sunday()
    {
        var saturday = Local(China, "2026-09-19 10:00");

        Assert.Equal("2026-09-20 09:00 +08:00", Show(China, China.AddBusinessDays(saturday, 0)));
        Assert.Equal("2026-09-21 09:00 +08:00", Show(China, China.AddBusinessDays(saturday, 1)));
    }

    [Fact]
    public void Mid_Autumn_Friday_is_a_holiday_so_Thursday_plus_one_working_day_is_Monday()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 9, 25)));
        Assert.Equal("2026-09-28 11:00 +08:00", Show(China, China.AddBusinessDays(Local(China, "2026-09-24 11:00"), 1)));
    }

    [Fact]
    public void Business_hours_run_through_golden_week_in_working_time_only()
    {
        var lastAfternoon = Local(China, "2026-09-30 16:00");

        var due = China.AddBusinessTime(lastAfternoon, TimeSpan.FromHours(4));

        Assert.Equal("2026-10-08 11:00 +08:00", Show(China, due));
        Assert.Equal(TimeSpan.FromHours(4), China.BusinessTimeBetween(lastAfternoon, due));
    }

    [Fact]
    public void Three_working_days_after_golden_week_starts_count_the_make_up_Saturday()
    {
        Assert.Equal("2026-10-10 15:00 +08:00", Show(China, China.AddBusinessDays(Local(China, "2026-09-30 15:00"), 3)));
    }

    [Fact]
    public void The_New_Year_make_up_Sunday_4_January_2026_is_the_first_working_day_of_the_year()
    {
        Assert.Equal("2026-01-04 18:00 +08:00", Show(China, China.EndOfBusinessDay(Local(China, "2025-12-31 10:00"), 1)));
    }

    [Fact]
    public void Business_time_that_runs_out_at_closing_time_ends_at_the_close()
    {
        Assert.Equal("2026-03-02 18:00 +08:00", Show(China, China.AddBusinessTime(Local(China, "2026-03-02 17:00"), TimeSpan.FromHours(1))));
    }

    [Fact]
    public void No_business_time_leaves_an_instant_where_it_is_even_after_closing()
    {
        var fridayClose = Local(China, "2026-03-06 18:00");

        Assert.Equal(fridayClose, China.AddBusinessTime(fridayClose, TimeSpan.Zero));
        Assert.Equal(Local(China, "2026-03-07 11:00"), China.AddBusinessTime(Local(China, "2026-03-07 11:00"), TimeSpan.Zero));
    }

    [Fact]
    public void A_calendar_day_across_the_UK_spring_change_keeps_the_local_time_and_lasts_23_hours()
    {
        var saturday = Local(England, "2026-03-28 10:00");

        var due = England.AddCalendarDays(saturday, 1);

        Assert.Equal("2026-03-29 10:00 +01:00", Show(England, due));
        Assert.Equal(TimeSpan.FromHours(23), due - saturday);
    }

    [Fact]
    public void Eight_weeks_across_the_UK_autumn_change_keep_the_local_time_and_gain_an_hour()
    {
        // British Summer Time ends on 25 October 2026 at 02:00 BST.
        var monday = Local(England, "2026-09-07 10:00");

        var due = England.AddCalendarDays(monday, 56);

        Assert.Equal("2026-11-02 10:00 +00:00", Show(England, due));
        Assert.Equal(TimeSpan.FromDays(56) + TimeSpan.FromHours(1), due - monday);
    }

    [Fact]
    public void A_local_time_repeated_by_the_UK_autumn_change_takes_its_first_occurrence_in_summer_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), England.At(new DateOnly(2026, 10, 25), new TimeOnly(1, 30)));
        Assert.Equal("2026-10-25 01:30 +01:00", Show(England, England.AddCalendarDays(Local(England, "2026-10-24 01:30"), 1)));
    }

    [Fact]
    public void Third_business_day_close_across_the_UK_spring_change_is_in_British_Summer_Time()
    {
        var due = England.EndOfBusinessDay(Local(England, "2026-03-26 11:00"), 3);

        Assert.Equal("2026-03-31 17:30 +01:00", Show(England, due));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Fifteen_and_thirty_five_business_days_across_the_UK_year_end_skip_Christmas_and_New_Years_Day()
    {
        // 24 Dec (1); 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays.
        var wednesday = Local(England, "2026-12-23 14:00");

        Assert.Equal("2027-01-18 17:30 +00:00", Show(England, England.EndOfBusinessDay(wednesday, 15)));
        Assert.Equal("2027-02-15 17:30 +00:00", Show(England, England.EndOfBusinessDay(wednesday, 35)));
    }

    [Fact]
    public void Fifteen_calendar_days_across_the_US_spring_change_keep_the_local_time_and_lose_an_hour()
    {
        var wednesday = Local(UnitedStates, "2026-03-04 09:30");

        var due = UnitedStates.AddCalendarDays(wednesday, 15);

        Assert.Equal("2026-03-19 09:30 -04:00", Show(UnitedStates, due));
        Assert.Equal(TimeSpan.FromDays(15) - TimeSpan.FromHours(1), due - wednesday);
    }

    [Fact]
    public void Working_days_across_the_US_year_end_skip_Christmas_and_New_Years_Day()
    {
        Assert.Equal("2026-12-29 10:00 -05:00", Show(UnitedStates, UnitedStates.AddBusinessDays(Local(UnitedStates, "2026-12-24 10:00"), 2)));
        Assert.Equal("2027-01-04 10:00 -05:00", Show(UnitedStates, UnitedStates.AddBusinessDays(Local(UnitedStates, "2026-12-30 10:00"), 2)));
    }

    [Fact]
    public void Calendar_days_across_the_US_year_end_land_on_the_same_local_time()
    {
        Assert.Equal("2027-01-04 12:00 -05:00", Show(UnitedStates, UnitedStates.AddCalendarDays(Local(UnitedStates, "2026-12-20 12:00"), 15)));
    }

    [Fact]
    public void Independence_Day_2026_is_observed_on_Friday_3_July()
    {
        Assert.False(UnitedStates.IsWorkingDay(new DateOnly(2026, 7, 3)));
        Assert.Equal("2026-07-06 17:00 -04:00", Show(UnitedStates, UnitedStates.EndOfBusinessDay(Local(UnitedStates, "2026-07-02 12:00"), 1)));
    }
}
