using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// The desk's teams on the real app and Azurite: teams come from settings with their members, "Assign to" hands a
/// complaint to a team (a misspelt team is refused, nothing written), and each team's view and queue page through
/// the search; work-list rows carry the subject, customer and age.
/// </summary>
public sealed class TeamsTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "Development",
        ["ComplaintFlow:Portal:Teams:billing:Name"] = "Billing",
        ["ComplaintFlow:Portal:Teams:billing:Members:0"] = "amy@desk.example",
        ["ComplaintFlow:Portal:Teams:billing:Members:1"] = "lee@desk.example",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_complaint_handed_to_a_team_waits_in_its_queue_and_a_misspelt_team_is_refused_with_nothing_written()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "teams-1", DateTimeOffset.UtcNow.AddDays(4));
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "agent", "supervisor");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        // The directory lists the team with its members, and a member who never signed in is known staff.
        var directory = await (await sam.GetAsync("/api/portal/staff")).Content.ReadFromJsonAsync<JsonElement>();
        var team = Assert.Single(directory.GetProperty("teams").EnumerateArray());
        Assert.Equal("billing", team.GetProperty("id").GetString());
        Assert.Equal("Billing", team.GetProperty("name").GetString());
        Assert.Contains(directory.GetProperty("staff").EnumerateArray(), s => s.GetProperty("id").GetString() == "lee@desk.example" && s.GetProperty("listed").GetBoolean());
        var me = await (await amy.GetAsync("/api/portal/me")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("billing", Assert.Single(me.GetProperty("teams").EnumerateArray()).GetProperty("id").GetString());

        var typo = await sam.ActAsync(complaint.Id, "assign", new { team = "biling" });
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        Assert.Contains("biling", (await typo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("team")[0].GetString(), StringComparison.Ordinal);
        Assert.Null((await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint.Team);
        Assert.DoesNotContain(await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None), e => e.Type == EventTypes.Assigned);

        Assert.Equal(HttpStatusCode.OK, (await sam.ActAsync(complaint.Id, "assign", new { team = "Billing" })).StatusCode);
        var assigned = Assert.Single(await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None), e => e.Type == EventTypes.Assigned);
        Assert.Equal("billing", assigned.Data["team"]);
        Assert.Equal("billing", (await amy.GetAsync($"/api/portal/complaints/{complaint.Id}").ContinueWith(r => r.Result.Content.ReadFromJsonAsync<JsonElement>()).Unwrap()).GetProperty("team").GetString());

        // The team's queue (open, nobody took it) and its view; a team nobody configured is a 400, not an empty list.
        var queue = await (await amy.GetAsync("/api/portal/search?status=open&team=billing&owner=none")).Content.ReadFromJsonAsync<JsonElement>();
        var row = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(complaint.Reference, row.GetProperty("reference").GetString());
        Assert.Equal("billing", row.GetProperty("team").GetString());
        var unknown = await amy.GetAsync("/api/portal/search?status=open&team=biling");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // A member takes it from the queue: it stays the team's, and leaves the queue but not the team's view.
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(complaint.Id, "claim")).StatusCode);
        Assert.Empty((await (await amy.GetAsync("/api/portal/search?status=open&team=billing&owner=none")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        var view = await (await amy.GetAsync("/api/portal/search?status=open&team=billing")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("amy@desk.example", Assert.Single(view.GetProperty("items").EnumerateArray()).GetProperty("owner").GetString());
    }

    [Fact]
    public async Task A_work_list_row_shows_the_subject_customer_and_age_and_the_list_says_how_many_there_are()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "teams-2", DateTimeOffset.UtcNow.AddDays(4), text: "Meter read wrong twice.\nSecond line.");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "agent", "supervisor");

        var list = await (await sam.GetAsync("/api/portal/lists/unassigned?take=1")).Content.ReadFromJsonAsync<JsonElement>();

        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("complaintId").GetString() == complaint.Id);
        Assert.True(list.GetProperty("total").GetInt32() >= 1);
        var summary = item.GetProperty("summary");
        Assert.Equal("Meter read wrong twice.", summary.GetProperty("subject").GetString());
        Assert.Equal("Li Lei", summary.GetProperty("customer").GetString());
        Assert.True(summary.GetProperty("ageMinutes").GetInt64() > 5 * 24 * 60);
        Assert.True(item.GetProperty("minutesLeft").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await sam.GetAsync("/api/portal/lists/unassigned?take=0")).StatusCode);
    }
}
