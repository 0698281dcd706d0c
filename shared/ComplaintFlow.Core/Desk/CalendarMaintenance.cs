using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Desk;

/// <summary>A year of holidays and make-up days as a supervisor submits it in the desk.</summary>
public sealed record CalendarYearInput
{
    public required string CalendarId { get; init; }
    public required int Year { get; init; }
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];
    public IReadOnlyList<DateOnly> MakeUpDays { get; init; } = [];
    public required string Source { get; init; }
}

/// <summary>
/// A saved year, and how to move running clocks onto it when the supervisor asks for that: apply
/// <see cref="Recalculation"/> to each open complaint's deadlines (new clocks use the year anyway).
/// </summary>
public sealed record CalendarYearSaved(CalendarYear Year, CalendarRecalculation Recalculation);

/// <summary>One year of a calendar as it stands: where its days come from and whether deadlines in it are provisional.</summary>
public sealed record CalendarYearView(string CalendarId, int Year, string Origin, bool Covered, IReadOnlyList<Holiday> Holidays, IReadOnlyList<DateOnly> MakeUpDays);

/// <summary>
/// Supervisors keep the business calendars in the desk: they add next year's schedule once it is published (the
/// State Council's each November) or correct a year, without a release. Each save is audited (who, when, from which
/// notice) and applies to clocks started after it; clocks already running keep their dates. The desk's calendar page,
/// the dashboard banner, the daily coverage check and its alert all read <see cref="CoverageAsync"/>.
/// </summary>
public sealed class CalendarMaintenance(DeadlineRules shipped, ICalendarYearStore years, TimeProvider time)
{
    /// <summary>The rules new clocks use: the shipped calendars with every year supervisors entered.</summary>
    public async Task<DeadlineRules> CurrentRulesAsync(CancellationToken cancellationToken) =>
        shipped.WithCalendarYears(await years.ListAsync(cancellationToken));

    /// <summary>Every calendar's last covered date and warning state, as of today in that calendar's zone.</summary>
    public async Task<IReadOnlyList<CalendarCoverage>> CoverageAsync(CancellationToken cancellationToken, int warningDays = CalendarCoverage.DefaultWarningDays)
    {
        var rules = await CurrentRulesAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. rules.Calendars.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.CoverageOn(c.LocalDate(now), warningDays))];
    }

    /// <summary>The days of one year as clocks use them now, to show or to prefill the form a supervisor corrects.</summary>
    public async Task<CalendarYearView> YearAsync(string calendarId, int year, CancellationToken cancellationToken)
    {
        var calendar = Known(await CurrentRulesAsync(cancellationToken), calendarId);
        var origin = calendar.EnteredYears.Contains(year) ? "entered in the desk"
            : calendar.Computed is { } rules ? $"computed ({rules.Name})"
            : calendar.IsCovered(new DateOnly(year, 1, 1)) ? "shipped data" : "not yet entered";
        return new CalendarYearView(calendarId, year, origin, calendar.IsCovered(new DateOnly(year, 12, 31)), calendar.HolidaysIn(year), calendar.MakeUpDaysIn(year));
    }

    /// <summary>Saves a year's full schedule for a calendar; only supervisors may, and only a schedule that holds together.</summary>
    public async Task<CalendarYearSaved> SaveYearAsync(CalendarYearInput input, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(staff);
        if (!staff.IsSupervisor)
        {
            throw DeskRefusal.Of(RefusalKind.Forbidden, "calendar", "Only a supervisor may change a business calendar.");
        }

        var before = await CurrentRulesAsync(cancellationToken);
        var calendar = Known(before, input.CalendarId);
        var year = new CalendarYear
        {
            CalendarId = input.CalendarId,
            Year = input.Year,
            Holidays = [.. input.Holidays.OrderBy(h => h.From)],
            MakeUpDays = [.. input.MakeUpDays.Distinct().Order()],
            Source = input.Source?.Trim() ?? string.Empty,
            ChangedBy = staff.Id,
            ChangedAt = time.GetUtcNow(),
        };
        if (year.Problems(calendar) is { Count: > 0 } problems)
        {
            throw new DeskRefusal(RefusalKind.Invalid, [.. problems.Select(p => new Intake.ValidationError("calendar", p))]);
        }

        await years.SaveAsync(year, cancellationToken);
        return new CalendarYearSaved(year, new CalendarRecalculation(before, before.WithCalendarYears([year])));
    }

    /// <summary>Who changed which year of a calendar, when, and from which source: every saved version, oldest first.</summary>
    public Task<IReadOnlyList<CalendarYear>> HistoryAsync(string calendarId, CancellationToken cancellationToken) =>
        years.HistoryAsync(calendarId, cancellationToken);

    private static BusinessCalendar Known(DeadlineRules rules, string calendarId) =>
        rules.Calendars.FirstOrDefault(c => c.Id == calendarId)
        ?? throw DeskRefusal.Of(RefusalKind.Invalid, "calendar", $"There is no calendar '{calendarId}' (known: {string.Join(", ", rules.Calendars.Select(c => c.Id))}).");
}
