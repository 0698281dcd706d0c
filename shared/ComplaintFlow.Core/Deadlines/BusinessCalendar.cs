namespace ComplaintFlow.Core.Deadlines;

/// <summary>A named span of public holidays, inclusive of both dates.</summary>
public sealed record Holiday(string Name, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// When a business works: an IANA time zone, opening hours, working weekdays, public holidays and make-up working
/// days (weekend days worked in lieu, as in the Chinese State Council schedule). Supports both business-time and
/// calendar-time arithmetic; every result is an instant, correct across DST changes.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _makeUpDays;
    private readonly IReadOnlyList<Holiday> _holidays;

    public BusinessCalendar(string id, TimeZoneInfo zone, TimeOnly opens, TimeOnly closes, IEnumerable<DayOfWeek> workingDays,
        IEnumerable<Holiday> holidays, IEnumerable<DateOnly> makeUpDays)
    {
        if (closes <= opens)
        {
            throw new ArgumentException($"Calendar {id}: closing time {closes} must be after opening time {opens}.");
        }

        Id = id;
        Zone = zone;
        Opens = opens;
        Closes = closes;
        _workingDays = [.. workingDays];
        _holidays = [.. holidays.OrderBy(h => h.From)];
        _makeUpDays = [.. makeUpDays];
    }

    public string Id { get; }
    public TimeZoneInfo Zone { get; }
    public TimeOnly Opens { get; }
    public TimeOnly Closes { get; }
    public TimeSpan WorkingDayLength => Closes - Opens;

    /// <summary>The holiday covering a local date, if any.</summary>
    public Holiday? HolidayOn(DateOnly day) => _holidays.FirstOrDefault(h => h.Contains(day));

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

        return At(day, Closes);
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

        return At(day, time);
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
        var (day, time) = NextWorkingMoment(start);
        var remaining = amount;
        while (true)
        {
            var left = Closes - time;
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
            time = Opens;
        }
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

            var open = At(day, Opens);
            var close = At(day, Closes);
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
        if (IsWorkingDay(day) && time < Closes)
        {
            return (day, time < Opens ? Opens : time);
        }

        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));
        return (day, Opens);
    }
}
