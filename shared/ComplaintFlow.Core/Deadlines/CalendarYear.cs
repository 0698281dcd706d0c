namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// One year of a calendar as a supervisor entered or corrected it: every holiday and make-up working day of that
/// year. It replaces the shipped data and the computed rules for that year as a whole, so a correction is the full
/// published schedule, never a patch whose result nobody has seen. A data calendar (the Chinese one) is covered up to
/// the end of the last year entered without a gap.
/// </summary>
public sealed record CalendarYear
{
    public required string CalendarId { get; init; }
    public required int Year { get; init; }
    public required IReadOnlyList<Holiday> Holidays { get; init; }
    public IReadOnlyList<DateOnly> MakeUpDays { get; init; } = [];

    /// <summary>Where the schedule comes from ("State Council notice 2026-11-xx"), shown in the audit.</summary>
    public required string Source { get; init; }

    public required string ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The problems that stop this year being saved, each a sentence for the supervisor; empty when none.</summary>
    public IReadOnlyList<string> Problems(BusinessCalendar calendar)
    {
        var problems = new List<string>();
        if (Year is < 2000 or > 2200)
        {
            problems.Add($"{Year} is not a year this calendar can hold.");
        }

        if (string.IsNullOrWhiteSpace(Source))
        {
            problems.Add("Say where the schedule comes from (the published notice).");
        }

        for (var i = 0; i < Holidays.Count; i++)
        {
            var holiday = Holidays[i];
            if (string.IsNullOrWhiteSpace(holiday.Name))
            {
                problems.Add($"Holiday {i + 1} has no name.");
            }

            if (holiday.To < holiday.From)
            {
                problems.Add($"{holiday.Name} ends before it starts.");
            }

            // A span may run into the next year (a New Year break from 31 December) but must start in this one.
            if (holiday.From.Year != Year)
            {
                problems.Add($"{holiday.Name} starts on {holiday.From:yyyy-MM-dd}, outside {Year}.");
            }

            for (var j = 0; j < i; j++)
            {
                if (holiday.From <= Holidays[j].To && Holidays[j].From <= holiday.To)
                {
                    problems.Add($"{holiday.Name} overlaps {Holidays[j].Name}.");
                }
            }
        }

        foreach (var day in MakeUpDays)
        {
            if (day.Year != Year)
            {
                problems.Add($"Make-up day {day:yyyy-MM-dd} is outside {Year}.");
            }
            else if (Holidays.Any(h => h.Contains(day)))
            {
                problems.Add($"Make-up day {day:yyyy-MM-dd} is also a holiday.");
            }
            else if (calendar.IsUsualWorkingDay(day))
            {
                problems.Add($"Make-up day {day:yyyy-MM-dd} is a {day.DayOfWeek}, already a working day.");
            }
        }

        return problems;
    }
}

/// <summary>Where the calendars' years entered by supervisors are kept, each save with its audit record.</summary>
public interface ICalendarYearStore
{
    Task<IReadOnlyList<CalendarYear>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Saves the year, replacing any earlier version, and appends the change to the audit trail in the same write.</summary>
    Task SaveAsync(CalendarYear year, CancellationToken cancellationToken);

    /// <summary>Every version of every year of one calendar ever saved, oldest first: who changed what, when.</summary>
    Task<IReadOnlyList<CalendarYear>> HistoryAsync(string calendarId, CancellationToken cancellationToken);
}

/// <summary>How far a calendar runs, as the dashboard banner, the daily log warning and the alert read it.</summary>
public enum CoverageState
{
    /// <summary>Computed by rules for any year, or data runs well past the warning window.</summary>
    Covered,

    /// <summary>The data ends within the warning window (60 days by default): add next year's schedule.</summary>
    EndingSoon,

    /// <summary>The data has ended: deadlines past it count weekdays only and are marked provisional.</summary>
    Ended,
}

public sealed record CalendarCoverage(string CalendarId, DateOnly? CoveredThrough, CoverageState State, int? DaysLeft)
{
    /// <summary>Days before the end of the data at which the desk, the logs and the alert start warning.</summary>
    public const int DefaultWarningDays = 60;

    /// <summary>A sentence for the banner and the log, without personal data.</summary>
    public string Message => State switch
    {
        CoverageState.EndingSoon => $"Calendar {CalendarId} holidays end on {CoveredThrough:yyyy-MM-dd} ({DaysLeft} days): add next year's schedule.",
        CoverageState.Ended => $"Calendar {CalendarId} holidays ended on {CoveredThrough:yyyy-MM-dd}: deadlines after it are provisional until next year's schedule is added.",
        _ => CoveredThrough is { } end ? $"Calendar {CalendarId} is covered through {end:yyyy-MM-dd}." : $"Calendar {CalendarId} is computed for every year.",
    };
}
