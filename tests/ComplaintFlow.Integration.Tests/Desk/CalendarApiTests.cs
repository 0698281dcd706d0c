using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>The desk's business calendars through the portal API: coverage, a year, saving one, its audit, and the clocks that use it.</summary>
public sealed class CalendarApiTests : IAsyncLifetime
{
    private const string Supervisor = "sam@desk.example";
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static object Year2027(string source = "State Council notice 2026-11-04") => new
    {
        holidays = new[] { new { name = "New Year", from = "2027-01-01", to = "2027-01-03" } },
        makeUpDays = Array.Empty<string>(),
        source,
    };

    [Fact]
    public async Task Agents_see_coverage_only_supervisors_save_a_year_and_each_save_is_audited_with_who_saved_it()
    {
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var supervisor = await StaffSession.SignInAsync(_host, Supervisor, "supervisor");

        var coverage = await JsonAsync(await agent.GetAsync("/api/portal/calendars/coverage"));
        var cn = Calendar(coverage, "cn");
        Assert.Equal("2026-12-31", cn.GetProperty("coveredThrough").GetString());
        Assert.Contains("Calendar cn", cn.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(coverage.GetProperty("calendars").EnumerateArray(), c => c.GetProperty("calendarId").GetString() == "gb");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsync("/api/portal/calendars/cn/years/2027", Year2027())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/portal/calendars/cn/years/2027")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/portal/calendars/cn/history")).StatusCode);

        var before = await JsonAsync(await supervisor.GetAsync("/api/portal/calendars/cn/years/2027"));
        Assert.Equal("not yet entered", before.GetProperty("origin").GetString());
        Assert.False(before.GetProperty("covered").GetBoolean());

        var saved = await supervisor.PutAsync("/api/portal/calendars/cn/years/2027", Year2027());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var year = (await JsonAsync(saved)).GetProperty("year");
        Assert.Equal("entered in the desk", year.GetProperty("origin").GetString());
        Assert.True(year.GetProperty("covered").GetBoolean());
        Assert.Equal("2027-01-03", Assert.Single(year.GetProperty("holidays").EnumerateArray()).GetProperty("to").GetString());
        Assert.Equal("entered in the desk", (await JsonAsync(await supervisor.GetAsync("/api/portal/calendars/cn/years/2027"))).GetProperty("origin").GetString());

        var change = Assert.Single((await JsonAsync(await supervisor.GetAsync("/api/portal/calendars/cn/history"))).GetProperty("changes").EnumerateArray());
        Assert.Equal((2027, Supervisor, "State Council notice 2026-11-04"),
            (change.GetProperty("year").GetInt32(), change.GetProperty("changedBy").GetString(), change.GetProperty("source").GetString()));
        Assert.Equal("2027-12-31", Calendar(await JsonAsync(await agent.GetAsync("/api/portal/calendars/coverage")), "cn").GetProperty("coveredThrough").GetString());
    }

    [Fact]
    public async Task A_year_that_does_not_hold_together_is_refused_with_each_problem_named()
    {
        using var supervisor = await StaffSession.SignInAsync(_host, Supervisor, "supervisor");

        var unreadable = await supervisor.PutAsync("/api/portal/calendars/cn/years/2027", new
        {
            holidays = new object[] { new { name = "", from = "2027-02-30", to = "2027-02-10" } },
            makeUpDays = new[] { "next Sunday" },
            source = "notice",
        });
        var inconsistent = await supervisor.PutAsync("/api/portal/calendars/cn/years/2027", new
        {
            holidays = new[] { new { name = "Spring Festival", from = "2027-02-06", to = "2027-02-12" }, new { name = "Lantern", from = "2027-02-10", to = "2027-02-11" } },
            makeUpDays = new[] { "2027-02-03" },
            source = " ",
        });
        var unknown = await supervisor.PutAsync("/api/portal/calendars/mars/years/2027", Year2027());
        var badYear = await supervisor.GetAsync("/api/portal/calendars/cn/years/next");

        var fields = await ProblemAsync(unreadable);
        Assert.Equal(new[] { "holidays[0].from", "holidays[0].name", "makeUpDays[0]" }, fields.Keys.Order(StringComparer.Ordinal));
        var problems = (await ProblemAsync(inconsistent))["calendar"];
        Assert.Contains(problems, p => p.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("already a working day", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("where the schedule comes from", StringComparison.Ordinal));
        Assert.Contains((await ProblemAsync(unknown))["calendar"], p => p.Contains("mars", StringComparison.Ordinal));
        Assert.Contains("year", (await ProblemAsync(badYear)).Keys);
        Assert.Empty((await JsonAsync(await supervisor.GetAsync("/api/portal/calendars/cn/history"))).GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task After_a_year_is_saved_new_working_day_clocks_skip_its_holidays_and_open_ones_move_only_on_request()
    {
        using var supervisor = await StaffSession.SignInAsync(_host, Supervisor, "supervisor");
        var calendar = _host.Services.GetRequiredService<DeadlineRules>().Calendar("cn");
        var today = calendar.LocalDate(DateTimeOffset.UtcNow);
        var lastHoliday = today.AddDays(40);
        var open = await SubmitAndAwaitDeadlinesAsync("before@example.com");
        var openResolve = Resolve(open);

        var saved = await supervisor.PutAsync($"/api/portal/calendars/cn/years/{today.Year}", new
        {
            holidays = new[] { new { name = "Office move", from = $"{today:yyyy-MM-dd}", to = $"{lastHoliday:yyyy-MM-dd}" } },
            source = "Board decision 12",
            recomputeOpen = true,
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (await JsonAsync(saved)).GetProperty("recomputed").GetInt32());
        var moved = Resolve((await _host.Complaints.FindAsync(open.Id, CancellationToken.None))!.Complaint);
        Assert.True(calendar.LocalDate(moved.DueAt) > lastHoliday, $"{moved.DueAt} should be after {lastHoliday}");
        Assert.True(moved.DueAt > openResolve.DueAt);
        var recalculated = Assert.Single(await _host.Complaints.GetHistoryAsync(open.Id, CancellationToken.None), e => e.Type == EventTypes.Recalculated);
        Assert.Equal(Supervisor, recalculated.Actor);
        // Moved past the end of the entered data (next year is not entered here): the desk marks the date provisional.
        var (view, _) = await supervisor.ComplaintAsync(open.Id);
        var clock = view.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == DeadlineKinds.InternalClock && c.GetProperty("kind").GetString() == DeadlineKinds.Resolve);
        Assert.True(clock.TryGetProperty("provisional", out var provisional), clock.ToString());
        Assert.Equal(moved.Provisional, provisional.GetBoolean());

        var fresh = Resolve(await SubmitAndAwaitDeadlinesAsync("after@example.com"));
        Assert.True(calendar.LocalDate(fresh.DueAt) > lastHoliday, $"{fresh.DueAt} should be after {lastHoliday}");
    }

    private static Deadline Resolve(Complaint complaint) =>
        complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);

    private async Task<Complaint> SubmitAndAwaitDeadlinesAsync(string email)
    {
        var accepted = await (await _host.SubmitAsync(new { email, text = "网速很慢，希望尽快处理。" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        return (await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.Deadlines.Count > 0,
            "the complaint's deadlines"))!;
    }

    private static JsonElement Calendar(JsonElement coverage, string id) =>
        coverage.GetProperty("calendars").EnumerateArray().Single(c => c.GetProperty("calendarId").GetString() == id);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
