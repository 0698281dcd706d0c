using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Deadlines.DeadlinePlanningTests;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>
/// The Chinese calendar is data and ends where the published schedules end: it says so, warns 60 days ahead, marks
/// deadlines past its end provisional, and supervisors extend it in the desk without a release.
/// </summary>
public sealed class CalendarCoverageTests
{
    private static readonly StaffMember Supervisor = new("sup-1", "Wang Fang", IsSupervisor: true);
    private static readonly StaffMember Agent = new("agent-1", "Li Lei", IsSupervisor: false);

    /// <summary>
    /// An example year for the tests only, shaped like a State Council schedule; NOT the real 2027 schedule, which
    /// a supervisor enters once it is published.
    /// </summary>
    private static CalendarYearInput ExampleChineseYear() => new()
    {
        CalendarId = "cn",
        Year = 2027,
        Holidays =
        [
            new Holiday("元旦 New Year", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3)),
            new Holiday("春节 Spring Festival (example)", new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 14)),
        ],
        MakeUpDays = [new DateOnly(2027, 2, 20)],
        Source = "test example, not a published schedule",
    };

    private static (CalendarMaintenance Maintenance, InMemoryCalendarYears Store, FakeTimeProvider Time) Desk(DateTimeOffset now)
    {
        var store = new InMemoryCalendarYears();
        var time = new FakeTimeProvider(now);
        return (new CalendarMaintenance(Rules, store, time), store, time);
    }

    [Fact]
    public void The_Chinese_calendar_knows_it_ends_with_2026()
    {
        Assert.Equal(new DateOnly(2026, 12, 31), China.CoveredThrough);
        Assert.False(China.IsCovered(new DateOnly(2027, 1, 4)));
    }

    [Theory]
    [InlineData("2026-10-31", CoverageState.Covered, 61)]
    [InlineData("2026-11-01", CoverageState.EndingSoon, 60)]
    [InlineData("2026-12-31", CoverageState.EndingSoon, 0)]
    [InlineData("2027-01-01", CoverageState.Ended, 0)]
    public void Sixty_days_before_its_end_the_calendar_reports_it_is_ending(string today, CoverageState state, int daysLeft)
    {
        var coverage = China.CoverageOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(state, coverage.State);
        Assert.Equal(daysLeft, coverage.DaysLeft);
        Assert.Contains("cn", coverage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_counted_past_the_end_of_the_data_is_provisional_and_one_inside_is_not()
    {
        var planner = new DeadlinePlanner(Rules);

        var december = planner.Plan(ComplaintAt(new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.FromHours(8))), Triaged(Priority.P3));
        var march = planner.Plan(ComplaintAt(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8))), Triaged(Priority.P3));

        var resolve = december.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);
        Assert.True(resolve.Provisional);
        Assert.DoesNotContain(december, d => d.Unit is DurationUnits.Hours or DurationUnits.CalendarDays or DurationUnits.Weeks && d.Provisional);
        Assert.DoesNotContain(march, d => d.Provisional);
    }

    [Fact]
    public void The_acknowledgement_says_a_provisional_date_may_move()
    {
        var received = new DateTimeOffset(2026, 12, 21, 2, 0, 0, TimeSpan.Zero);
        var complaint = ComplaintAt(received) with { Deadlines = [.. new DeadlinePlanner(Rules).Plan(ComplaintAt(received), Triaged(Priority.P3))] };
        var composer = new NotificationComposer(new NotifyOptions(), new PublicSite("https://complaints.example.com"));
        var notification = new Notification
        {
            Id = Notification.IdFor(complaint.Id, NotificationKind.Acknowledgement, NotificationChannel.Email, 1),
            Kind = NotificationKind.Acknowledgement,
            Channel = NotificationChannel.Email,
            RequestedAt = received,
        };

        Assert.Contains("暂定", composer.Compose(complaint, notification).Text, StringComparison.Ordinal);
        Assert.Contains("provisional", composer.Compose(complaint with { Language = "en" }, notification).Text, StringComparison.Ordinal);
        var inside = ComplaintAt(received.AddMonths(-9)) with { Language = "en" };
        inside = inside with { Deadlines = [.. new DeadlinePlanner(Rules).Plan(inside, Triaged(Priority.P3))] };
        Assert.DoesNotContain("provisional", composer.Compose(inside, notification).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_adds_next_years_schedule_and_new_clocks_use_it()
    {
        var (desk, store, _) = Desk(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(CoverageState.EndingSoon, Assert.Single(await desk.CoverageAsync(CancellationToken.None), c => c.CalendarId == "cn").State);

        await desk.SaveYearAsync(ExampleChineseYear(), Supervisor, CancellationToken.None);

        var rules = await desk.CurrentRulesAsync(CancellationToken.None);
        var china = rules.Calendar("cn");
        Assert.Equal(new DateOnly(2027, 12, 31), china.CoveredThrough);
        Assert.False(china.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(china.IsWorkingDay(new DateOnly(2027, 2, 20)));
        Assert.Equal(CoverageState.Covered, Assert.Single(await desk.CoverageAsync(CancellationToken.None), c => c.CalendarId == "cn").State);
        var resolve = new DeadlinePlanner(rules).Plan(ComplaintAt(new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.FromHours(8))), Triaged(Priority.P3))
            .Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);
        Assert.False(resolve.Provisional);
        var audit = Assert.Single(store.History);
        Assert.Equal(("sup-1", "test example, not a published schedule"), (audit.ChangedBy, audit.Source));
    }

    [Fact]
    public async Task New_clocks_take_up_a_saved_year_at_the_planners_next_refresh_which_reads_the_store_at_most_once_a_minute()
    {
        var (desk, store, time) = Desk(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var counting = new CountingYears(store);
        var planner = new DeadlinePlanner(Rules, counting, time);
        var received = ComplaintAt(new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.FromHours(8)));
        bool Provisional() => planner.Plan(received, Triaged(Priority.P3)).Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve).Provisional;

        await planner.RefreshAsync(CancellationToken.None);
        await desk.SaveYearAsync(ExampleChineseYear(), Supervisor, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        await planner.RefreshAsync(CancellationToken.None);
        var beforeRefresh = Provisional();
        time.Advance(TimeSpan.FromSeconds(1));
        await planner.RefreshAsync(CancellationToken.None);

        Assert.True(beforeRefresh);
        Assert.False(Provisional());
        Assert.Equal(2, counting.Reads);
        planner.Forget();
        await planner.RefreshAsync(CancellationToken.None);
        Assert.Equal(3, counting.Reads);
    }

    [Fact]
    public async Task A_corrected_year_replaces_the_computed_one_and_the_audit_keeps_both_versions()
    {
        var (desk, store, time) = Desk(new DateTimeOffset(2027, 1, 10, 12, 0, 0, TimeSpan.Zero));
        var before = await desk.YearAsync("gb", 2027, CancellationToken.None);
        Assert.StartsWith("computed", before.Origin, StringComparison.Ordinal);

        // A one-off bank holiday announced during the year: the supervisor submits the whole year with it added.
        var oneOff = new Holiday("Example one-off bank holiday", new DateOnly(2027, 6, 4), new DateOnly(2027, 6, 4));
        var input = new CalendarYearInput { CalendarId = "gb", Year = 2027, Holidays = [.. before.Holidays, oneOff], Source = "GOV.UK announcement (example)" };
        await desk.SaveYearAsync(input, Supervisor, CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        await desk.SaveYearAsync(input with { Holidays = before.Holidays, Source = "announcement withdrawn (example)" }, Supervisor, CancellationToken.None);

        var after = await desk.YearAsync("gb", 2027, CancellationToken.None);
        Assert.Equal("entered in the desk", after.Origin);
        Assert.Equal(before.Holidays.Select(h => h.From), after.Holidays.Select(h => h.From));
        Assert.Equal(2, (await desk.HistoryAsync("gb", CancellationToken.None)).Count);
        Assert.Equal(2, store.History.Count);
    }

    [Fact]
    public async Task Only_a_supervisor_may_change_a_calendar()
    {
        var (desk, store, _) = Desk(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

        var refusal = await Assert.ThrowsAsync<DeskRefusal>(() => desk.SaveYearAsync(ExampleChineseYear(), Agent, CancellationToken.None));

        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
        Assert.Empty(store.History);
    }

    [Theory]
    [InlineData("weekday make-up")]
    [InlineData("make-up on a holiday")]
    [InlineData("other year")]
    [InlineData("overlap")]
    [InlineData("no source")]
    [InlineData("unknown calendar")]
    public async Task A_schedule_that_does_not_hold_together_is_refused_with_the_reason(string fault)
    {
        var (desk, store, _) = Desk(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var year = ExampleChineseYear();
        year = fault switch
        {
            "weekday make-up" => year with { MakeUpDays = [new DateOnly(2027, 2, 17)] },
            "make-up on a holiday" => year with { MakeUpDays = [new DateOnly(2027, 2, 6)] },
            "other year" => year with { MakeUpDays = [new DateOnly(2028, 2, 19)] },
            "overlap" => year with { Holidays = [.. year.Holidays, new Holiday("Overlap", new DateOnly(2027, 2, 13), new DateOnly(2027, 2, 15))] },
            "no source" => year with { Source = " " },
            _ => year with { CalendarId = "mars" },
        };

        var refusal = await Assert.ThrowsAsync<DeskRefusal>(() => desk.SaveYearAsync(year, Supervisor, CancellationToken.None));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Empty(store.History);
    }

    [Fact]
    public void A_data_calendar_without_its_last_covered_date_is_refused_at_start()
    {
        var calendars = System.Text.Json.Nodes.JsonNode.Parse(CalendarsJson)!.AsObject();
        calendars["calendars"]![0]!.AsObject().Remove("coveredThrough");

        var error = Assert.Throws<DeadlinePolicyException>(() => DeadlineRules.Parse(PolicyJson, calendars.ToJsonString()));

        Assert.StartsWith("ComplaintFlow:Deadlines:Calendars:cn:coveredThrough", error.Message, StringComparison.Ordinal);
    }

    private sealed class InMemoryCalendarYears : ICalendarYearStore
    {
        public List<CalendarYear> History { get; } = [];

        public Task<IReadOnlyList<CalendarYear>> ListAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CalendarYear>>([.. History.GroupBy(y => (y.CalendarId, y.Year)).Select(g => g.Last())]);

        public Task SaveAsync(CalendarYear year, CancellationToken cancellationToken)
        {
            History.Add(year);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<CalendarYear>> HistoryAsync(string calendarId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CalendarYear>>([.. History.Where(y => y.CalendarId == calendarId)]);
    }

    private sealed class CountingYears(ICalendarYearStore inner) : ICalendarYearStore
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<CalendarYear>> ListAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return inner.ListAsync(cancellationToken);
        }

        public Task SaveAsync(CalendarYear year, CancellationToken cancellationToken) => inner.SaveAsync(year, cancellationToken);

        public Task<IReadOnlyList<CalendarYear>> HistoryAsync(string calendarId, CancellationToken cancellationToken) => inner.HistoryAsync(calendarId, cancellationToken);
    }
}
