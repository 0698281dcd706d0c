using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Deadlines;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Deadlines;

/// <summary>
/// The daily coverage check as the timer runs it, on a fake clock and an in-memory store: its warnings are what the
/// Azure Monitor alert searches for ("holidays end on" / "holidays ended on"), so their wording and level matter.
/// </summary>
public sealed class CalendarCoverageFunctionTests
{
    private static readonly DeadlineRules Shipped = DeadlineRules.Load(new DeadlineOptions());

    private static async Task<IReadOnlyList<string>> WarningsAsync(DateTimeOffset now, params CalendarYear[] entered)
    {
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var time = new FakeTimeProvider(now);
        var function = new CalendarCoverageFunction(new CalendarMaintenance(Shipped, new Years(entered), time), factory.CreateLogger<CalendarCoverageFunction>());

        var coverage = await function.RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(coverage.Count, logs.Lines.Count);
        return [.. logs.Lines.Where(l => l.StartsWith("Warning ", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task A_calendar_ending_within_60_days_is_logged_as_a_warning_the_alert_finds_and_the_others_are_not()
    {
        var warning = Assert.Single(await WarningsAsync(new DateTimeOffset(2026, 11, 15, 6, 0, 0, TimeSpan.Zero)));

        Assert.Contains("Calendar cn holidays end on 2026-12-31 (46 days): add next year's schedule.", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ended_calendar_is_logged_as_ended()
    {
        var warning = Assert.Single(await WarningsAsync(new DateTimeOffset(2027, 1, 5, 6, 0, 0, TimeSpan.Zero)));

        Assert.Contains("Calendar cn holidays ended on 2026-12-31", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_warned_well_before_the_end_or_once_next_year_is_entered()
    {
        var nextYear = new CalendarYear
        {
            CalendarId = "cn",
            Year = 2027,
            Holidays = [new Holiday("New Year", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3))],
            Source = "State Council notice",
            ChangedBy = "sam@desk.example",
            ChangedAt = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero),
        };

        Assert.Empty(await WarningsAsync(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero)));
        Assert.Empty(await WarningsAsync(new DateTimeOffset(2026, 11, 15, 6, 0, 0, TimeSpan.Zero), nextYear));
    }

    private sealed class Years(IReadOnlyList<CalendarYear> years) : ICalendarYearStore
    {
        public Task<IReadOnlyList<CalendarYear>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(years);

        public Task SaveAsync(CalendarYear year, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<CalendarYear>> HistoryAsync(string calendarId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
