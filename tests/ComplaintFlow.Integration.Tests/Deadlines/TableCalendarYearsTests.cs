using Azure.Data.Tables;
using ComplaintFlow.Azure.Deadlines;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Deadlines;

public sealed class TableCalendarYearsTests
{
    private static readonly StaffMember Supervisor = new("sup-1", "Wang Fang", IsSupervisor: true);

    /// <summary>Shaped like a State Council schedule for the tests only: NOT the published 2027 schedule.</summary>
    private static CalendarYearInput ExampleYear(string source) => new()
    {
        CalendarId = "cn",
        Year = 2027,
        Holidays = [new Holiday("春节 Spring Festival (example)", new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 14))],
        MakeUpDays = [new DateOnly(2027, 2, 20)],
        Source = source,
    };

    private static async Task<(CalendarMaintenance Desk, TableCalendarYears Store, TableClient Table, FakeTimeProvider Time)> DeskAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var table = new TableClient(azurite.ConnectionString, Names.UniqueTable("Calendars"));
        var store = new TableCalendarYears(table);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        return (new CalendarMaintenance(DeadlineRules.Load(new DeadlineOptions()), store, time), store, table, time);
    }

    [Fact]
    public async Task A_year_saved_in_the_desk_extends_the_calendar_for_every_instance_that_reads_the_table()
    {
        var (desk, _, table, time) = await DeskAsync();
        Assert.Equal(CoverageState.EndingSoon, (await desk.CoverageAsync(CancellationToken.None)).Single(c => c.CalendarId == "cn").State);

        await desk.SaveYearAsync(ExampleYear("example notice"), Supervisor, CancellationToken.None);

        // Another instance: a new store over the same table.
        var otherTable = new TableClient((await Azurite.SharedAsync()).ConnectionString, table.Name);
        var other = new CalendarMaintenance(DeadlineRules.Load(new DeadlineOptions()), new TableCalendarYears(otherTable), time);
        var china = (await other.CurrentRulesAsync(CancellationToken.None)).Calendar("cn");
        Assert.Equal(new DateOnly(2027, 12, 31), china.CoveredThrough);
        Assert.False(china.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(china.IsWorkingDay(new DateOnly(2027, 2, 20)));
    }

    [Fact]
    public async Task Every_save_is_kept_in_the_audit_with_who_when_and_from_which_notice_and_the_latest_applies()
    {
        var (desk, store, table, time) = await DeskAsync();

        await desk.SaveYearAsync(ExampleYear("first notice"), Supervisor, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(3));
        await desk.SaveYearAsync(ExampleYear("corrected notice") with { MakeUpDays = [new DateOnly(2027, 2, 21)] }, Supervisor, CancellationToken.None);

        var current = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal("corrected notice", current.Source);
        Assert.Equal([new DateOnly(2027, 2, 21)], current.MakeUpDays);
        var history = await desk.HistoryAsync("cn", CancellationToken.None);
        Assert.Equal(["first notice", "corrected notice"], history.Select(h => h.Source));
        Assert.All(history, h => Assert.Equal("sup-1", h.ChangedBy));
        Assert.Equal(time.GetUtcNow(), history[^1].ChangedAt);
        Assert.Equal(3, table.Query<TableEntity>().Count());
        Assert.Empty(await desk.HistoryAsync("gb", CancellationToken.None));
    }
}
