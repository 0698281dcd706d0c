using System.Globalization;
using ComplaintFlow.Core.Deadlines;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>
/// The computed Great Britain and US calendars against the official lists, written down from GOV.UK "UK bank
/// holidays" (England and Wales) and OPM "Federal Holidays" for 2026 to 2028. PublicHoliday 4.0.0 agrees with every
/// date; the one thing our wrapper adds is OPM's rule that a Saturday holiday is observed on the Friday before, even
/// when that Friday is in the previous year (New Year's Day 2028 is observed on Friday 31 December 2027).
/// </summary>
public sealed class OfficialHolidayTests
{
    // GOV.UK, England and Wales. Substitute days: 28 Dec 2026 (Boxing Day on Saturday), 27 and 28 Dec 2027
    // (Christmas on Saturday, Boxing Day on Sunday), 3 Jan 2028 (New Year's Day on Saturday).
    private static readonly Dictionary<int, string[]> EnglandAndWales = new()
    {
        [2026] = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
        [2027] = ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
        [2028] = ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"],
    };

    // OPM federal holidays, as observed. 2026: Independence Day (Saturday) on Friday 3 July. 2027: Juneteenth
    // (Saturday) on Friday 18 June, Independence Day (Sunday) on Monday 5 July, Christmas (Saturday) on Friday 24
    // December, and New Year's Day 2028 (Saturday) on Friday 31 December 2027. 2028: Veterans Day (Saturday) on
    // Friday 10 November.
    private static readonly Dictionary<int, string[]> UsFederal = new()
    {
        [2026] = ["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"],
        [2027] = ["2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"],
        [2028] = ["2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-10", "2028-11-23", "2028-12-25"],
    };

    public static TheoryData<int> Years() => [2026, 2027, 2028];

    [Theory]
    [MemberData(nameof(Years))]
    public void England_and_Wales_bank_holidays_are_GOV_UKs(int year)
    {
        AssertHolidays(England, EnglandAndWales[year], year);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void US_federal_holidays_are_OPMs_as_observed(int year)
    {
        AssertHolidays(UnitedStates, UsFederal[year], year);
    }

    [Fact]
    public void A_15_working_day_clock_in_England_skips_Easter_and_the_May_bank_holiday_of_2027()
    {
        // Monday 22 March 2027, 10:00: 15 working days without Good Friday, Easter Monday and 3 May.
        var due = England.AddBusinessDays(Local(England, "2027-03-22 10:00"), 15);

        Assert.Equal("2027-04-14 10:00 +01:00", Show(England, due));
    }

    [Fact]
    public void The_computed_calendars_never_run_out()
    {
        Assert.Null(England.CoveredThrough);
        Assert.Null(UnitedStates.CoveredThrough);
        Assert.NotNull(England.HolidayOn(new DateOnly(2040, 12, 25)));
        Assert.Equal(CoverageState.Covered, UnitedStates.CoverageOn(new DateOnly(2039, 12, 1)).State);
    }

    private static void AssertHolidays(BusinessCalendar calendar, string[] official, int year)
    {
        var expected = official.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(expected, calendar.HolidaysIn(year).Select(h => h.From));
        Assert.All(expected, day => Assert.False(calendar.IsWorkingDay(day), $"{day:yyyy-MM-dd} should be a holiday"));
        var weekdaysOff = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Select(i => new DateOnly(year, 1, 1).AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !calendar.IsWorkingDay(d));
        Assert.Equal(expected, weekdaysOff);
    }
}
