namespace ComplaintFlow.Core.Deadlines;

/// <summary>Opening hours of one weekday that differs from the calendar's usual hours.</summary>
public sealed record WorkingHours(TimeOnly Opens, TimeOnly Closes);

/// <summary>A named span of public holidays, inclusive of both dates.</summary>
public sealed record Holiday(string Name, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// When a business works: an IANA time zone, opening hours, working weekdays, public holidays and make-up working
/// days (weekend days worked in lieu, as in the Chinese State Council schedule). Supports both business-time and
/// calendar-time arithmetic; every result is an instant, correct across DST changes. Holidays come from data, from
/// rules computed for any year (<see cref="ComputedHolidays"/>), and from years a supervisor entered, which replace
/// both for their year. A data calendar knows the last date it covers; past it only weekdays and rules count.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _makeUpDays;
    private readonly IReadOnlyList<Holiday> _holidays;
    private readonly IReadOnlyDictionary<DayOfWeek, WorkingHours> _hoursByDay;
    private HashSet<int> _enteredYears = [];

    public BusinessCalendar(string id, TimeZoneInfo zone, TimeOnly opens, TimeOnly closes, IEnumerable<DayOfWeek> workingDays,
        IEnumerable<Holiday> holidays, IEnumerable<DateOnly> makeUpDays, IReadOnlyDictionary<DayOfWeek, WorkingHours>? hoursByDay = null,
        ComputedHolidays? computed = null, DateOnly? coveredThrough = null)
    {
        if (closes <= opens)
        {
            throw new ArgumentException($"Calendar {id}: closing time {closes} must be after opening time {opens}.");
        }

        Id = id;
        Zone = zone;
        Opens = opens;
        Closes = closes;
        Computed = computed;
        CoveredThrough = computed is null ? coveredThrough : null;
        _workingDays = [.. workingDays];
        _holidays = [.. holidays.OrderBy(h => h.From)];
        _makeUpDays = [.. makeUpDays];
        _hoursByDay = hoursByDay ?? new Dictionary<DayOfWeek, WorkingHours>();
        foreach (var (weekday, hours) in _hoursByDay.Where(h => h.Value.Closes <= h.Value.Opens))
        {
            throw new ArgumentException($"Calendar {id}: {weekday} closes at {hours.Closes}, before it opens at {hours.Opens}.");
        }
    }

    public string Id { get; }
    public TimeZoneInfo Zone { get; }
    public TimeOnly Opens { get; }
    public TimeOnly Closes { get; }
    public TimeSpan WorkingDayLength => Closes - Opens;

    /// <summary>The rules that compute this calendar's holidays for any year, if it has them.</summary>
    public ComputedHolidays? Computed { get; }

    /// <summary>
    /// The last date whose holidays and make-up days are known: null for a calendar of rules (it never runs out);
    /// for a data calendar, the end of its data, extended by each following year a supervisor enters.
    /// </summary>
    public DateOnly? CoveredThrough { get; private init; }

    /// <summary>The years a supervisor entered: for these, their data replaces the shipped data and the rules.</summary>
    public IReadOnlyCollection<int> EnteredYears => _enteredYears;

    public bool IsCovered(DateOnly day) => CoveredThrough is not { } end || day <= end;

    /// <summary>Where the calendar stands on <paramref name="today"/>: covered, ending within the warning window, or ended.</summary>
    public CalendarCoverage CoverageOn(DateOnly today, int warningDays = CalendarCoverage.DefaultWarningDays)
    {
        if (CoveredThrough is not { } end)
        {
            return new CalendarCoverage(Id, null, CoverageState.Covered, null);
        }

        var left = end.DayNumber - today.DayNumber;
        var state = left < 0 ? CoverageState.Ended : left <= warningDays ? CoverageState.EndingSoon : CoverageState.Covered;
        return new CalendarCoverage(Id, end, state, Math.Max(left, 0));
    }

    /// <summary>
    /// This calendar with the years a supervisor entered: each replaces the year's shipped holidays, make-up days and
    /// computed rules; the latest save of a year wins. Years entered straight after the data extend its coverage.
    /// </summary>
    public BusinessCalendar WithYears(IEnumerable<CalendarYear> years)
    {
        var latest = years.Where(y => y.CalendarId == Id).GroupBy(y => y.Year).Select(g => g.MaxBy(y => y.ChangedAt)!).ToDictionary(y => y.Year);
        if (latest.Count == 0)
        {
            return this;
        }

        var entered = new HashSet<int>(_enteredYears.Concat(latest.Keys));
        var holidays = _holidays.Where(h => !latest.ContainsKey(h.From.Year)).Concat(latest.Values.SelectMany(y => y.Holidays));
        var makeUpDays = _makeUpDays.Where(d => !latest.ContainsKey(d.Year)).Concat(latest.Values.SelectMany(y => y.MakeUpDays));
        var coveredThrough = CoveredThrough;
        while (coveredThrough is { } end && entered.Contains(end.Year + 1))
        {
            coveredThrough = new DateOnly(end.Year + 1, 12, 31);
        }

        return new BusinessCalendar(Id, Zone, Opens, Closes, _workingDays, holidays, makeUpDays, new Dictionary<DayOfWeek, WorkingHours>(_hoursByDay), Computed)
        {
            CoveredThrough = Computed is null ? coveredThrough : null,
            _enteredYears = entered,
        };
    }

    /// <summary>Opening time on a date: the weekday's own hours if it has them; make-up days keep the usual hours.</summary>
    public TimeOnly OpensOn(DateOnly day) => HoursOn(day)?.Opens ?? Opens;

    public TimeOnly ClosesOn(DateOnly day) => HoursOn(day)?.Closes ?? Closes;

    private WorkingHours? HoursOn(DateOnly day) =>
        !_makeUpDays.Contains(day) && _hoursByDay.TryGetValue(day.DayOfWeek, out var hours) ? hours : null;

    /// <summary>The holiday covering a local date, if any.</summary>
    public Holiday? HolidayOn(DateOnly day) =>
        _holidays.FirstOrDefault(h => h.Contains(day)) ?? (Computed is { } rules && !_enteredYears.Contains(day.Year) ? rules.On(day) : null);

    /// <summary>The days off of one year, in date order, from whichever source holds that year.</summary>
    public IReadOnlyList<Holiday> HolidaysIn(int year) =>
        [.. _holidays.Where(h => h.From.Year == year)
            .Concat(Computed is { } rules && !_enteredYears.Contains(year) ? rules.In(year).Where(h => !_holidays.Any(d => d.Contains(h.From))) : [])
            .OrderBy(h => h.From)];

    public IReadOnlyList<DateOnly> MakeUpDaysIn(int year) => [.. _makeUpDays.Where(d => d.Year == year).Order()];

    /// <summary>Whether the weekday is worked in an ordinary week, before holidays and make-up days.</summary>
    public bool IsUsualWorkingDay(DateOnly day) => _workingDays.Contains(day.DayOfWeek);

    /// <summary>A make-up day is worked even at the weekend; a holiday is not worked even on a weekday.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        _makeUpDays.Contains(day) || (_workingDays.Contains(day.DayOfWeek) && HolidayOn(day) is null);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant a local wall-clock time occurs; a time skipped by DST moves forward past the gap.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        // An ambiguous time (clocks going back) is taken at its first occurrence, the earlier instant.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Calendar-day arithmetic: the same local wall-clock time <paramref name="days"/> days later.</summary>
    public DateTimeOffset AddCalendarDays(DateTimeOffset start, int days)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone);
        return At(DateOnly.FromDateTime(local.DateTime).AddDays(days), TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Closing time on the <paramref name="n"/>th working day after the day of <paramref name="start"/> (n ≥ 1).</summary>
    public DateTimeOffset EndOfBusinessDay(DateTimeOffset start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var day = LocalDate(start);
        for (var found = 0; found < n;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                found++;
            }
        }

        return At(day, ClosesOn(day));
    }

    /// <summary>
    /// Business-day arithmetic: the same time of the working day <paramref name="days"/> working days later. A start
    /// outside working hours counts from the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var (day, time) = NextWorkingMoment(start);
        for (var added = 0; added < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                added++;
            }
        }

        // A day with shorter hours (Friday closing at 16:00) ends the window at its close.
        return At(day, time > ClosesOn(day) ? ClosesOn(day) : time < OpensOn(day) ? OpensOn(day) : time);
    }

    /// <summary>The same local time <paramref name="days"/> working days earlier (for lead times before a deadline).</summary>
    public DateTimeOffset SubtractBusinessDays(DateTimeOffset instant, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var removed = 0; removed < days;)
        {
            day = day.AddDays(-1);
            if (IsWorkingDay(day))
            {
                removed++;
            }
        }

        return At(day, TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Business-hours arithmetic: only time inside working hours on working days counts.</summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        if (amount == TimeSpan.Zero)
        {
            // Friday's close and Monday's opening are the same business moment, but not the same deadline to a
            // customer: adding nothing (a pause over a weekend) must not move it.
            return start;
        }

        var (day, time) = NextWorkingMoment(start);
        var remaining = amount;
        while (true)
        {
            var left = ClosesOn(day) - time;
            if (remaining <= left)
            {
                return At(day, time.Add(remaining));
            }

            remaining -= left;
            do
            {
                day = day.AddDays(1);
            }
            while (!IsWorkingDay(day));
            time = OpensOn(day);
        }
    }

    /// <summary>How far the local wall clock moved between two instants: two days over a DST change, not 47 hours.</summary>
    public TimeSpan WallClockTimeBetween(DateTimeOffset from, DateTimeOffset to) =>
        TimeZoneInfo.ConvertTime(to, Zone).DateTime - TimeZoneInfo.ConvertTime(from, Zone).DateTime;

    /// <summary>The instant the local wall clock shows <paramref name="amount"/> later than at <paramref name="start"/>.</summary>
    public DateTimeOffset AddWallClockTime(DateTimeOffset start, TimeSpan amount)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime + amount;
        return At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        for (var day = LocalDate(from); day <= LocalDate(to); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var open = At(day, OpensOn(day));
            var close = At(day, ClosesOn(day));
            var start = from > open ? from : open;
            var end = to < close ? to : close;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>The working day and time from which business time starts counting at <paramref name="instant"/>.</summary>
    private (DateOnly Day, TimeOnly Time) NextWorkingMoment(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(day) && time < ClosesOn(day))
        {
            return (day, time < OpensOn(day) ? OpensOn(day) : time);
        }

        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));
        return (day, OpensOn(day));
    }
}
