using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// 回访 from the desk and the dashboard's rates on the real app and Azurite: a follow-up outcome recorded on a resolved
/// complaint, the rates in <c>/api/portal/stats</c> for a chosen period, and the same rates as CSV.
/// </summary>
public sealed class FollowUpApiTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Auth:Mode"] = "Development" };
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(Settings);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Follow_up_outcomes_recorded_on_the_desk_show_in_the_dashboard_rates_and_its_csv()
    {
        var now = DateTimeOffset.UtcNow;
        var happy = await SeededComplaints.OpenAsync(_host, "follow-up-happy", now.AddDays(5), owner: "amy@desk.example");
        var unhappy = await SeededComplaints.OpenAsync(_host, "follow-up-unhappy", now.AddDays(5), owner: "amy@desk.example");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        foreach (var id in new[] { happy.Id, unhappy.Id })
        {
            var resolved = await amy.ActAsync(id, "resolve", new { resolution = "We corrected the bill.", rootCause = "our-error" });
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        // The resolution letter and then the survey go out a moment after resolving (system writes that change the
        // version): the follow-ups are recorded once both have gone, as an agent calling back days later would.
        foreach (var id in new[] { happy.Id, unhappy.Id })
        {
            await AppHost.EventuallyAsync(
                async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
                c => c?.Notifications.Any(n => n.Kind == NotificationKind.Survey && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered) == true,
                "the survey sent",
                TimeSpan.FromSeconds(90));
        }

        var satisfied = await amy.ActAsync(happy.Id, "follow-up", new { method = "call", outcome = "satisfied", note = "Thanked us." });
        var notSatisfied = await amy.ActAsync(unhappy.Id, "follow-up", new { method = "message", outcome = "not-satisfied" });

        Assert.Equal(HttpStatusCode.OK, satisfied.StatusCode);
        var page = await satisfied.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("satisfied", page.GetProperty("followUps")[0].GetProperty("outcome").GetString());
        Assert.Contains(page.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == EventTypes.FollowUpCompleted);
        Assert.Equal(HttpStatusCode.OK, notSatisfied.StatusCode);
        Assert.Equal("Open", (await notSatisfied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var from = now.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var stats = await (await amy.GetAsync($"/api/portal/stats?from={from}&to={to}")).Content.ReadFromJsonAsync<JsonElement>();
        var rates = stats.GetProperty("rates");
        Assert.Equal((2, 2), Count(rates.GetProperty("followUp")));
        Assert.Equal((1, 2), Count(rates.GetProperty("satisfied")));
        Assert.Equal(50.0, rates.GetProperty("satisfied").GetProperty("percent").GetDouble());
        Assert.Contains(rates.GetProperty("onTime").EnumerateArray(), c => c.GetProperty("clock").GetString() == "internal");

        var csv = await amy.GetAsync($"/api/portal/stats/csv?from={from}&to={to}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,clock,count,of,percent,from_utc,to_utc", lines[0]);
        Assert.StartsWith("follow-up-rate,,2,2,100.0,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("satisfied-share,,1,2,50.0,", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("on-time,internal,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_outcome_is_refused_naming_the_field_and_nothing_is_written()
    {
        var seeded = await SeededComplaints.OpenAsync(_host, "follow-up-wrong", DateTimeOffset.UtcNow.AddDays(5), owner: "amy@desk.example");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        await amy.ActAsync(seeded.Id, "resolve", new { resolution = "We corrected the bill.", rootCause = "our-error" });
        var before = await _host.Complaints.GetHistoryAsync(seeded.Id, CancellationToken.None);

        var refused = await amy.ActAsync(seeded.Id, "follow-up", new { method = "call", outcome = "maybe" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("outcome", out _));
        Assert.Equal(before.Count, (await _host.Complaints.GetHistoryAsync(seeded.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_csv_needs_a_desk_role_and_a_valid_period()
    {
        using var anonymous = StaffSession.Anonymous(_host);
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var backwards = await sam.GetAsync("/api/portal/stats/csv?from=2026-03-31&to=2026-03-01");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/portal/stats/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.True((await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));
    }

    private static (int Count, int Of) Count(JsonElement rate) => (rate.GetProperty("count").GetInt32(), rate.GetProperty("of").GetInt32());
}
