using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>The portal API on the real app and Azurite, with the App Service principal header as identity.</summary>
public sealed class PortalApiTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Auth:Mode"] = "Development" };
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(Settings);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Anonymous_requests_get_401_and_a_user_without_a_desk_role_gets_403()
    {
        using var anonymous = StaffSession.Anonymous(_host);
        using var outsider = await StaffSession.SignInAsync(_host, "visitor@example.com", "reader");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/portal/lists/unassigned")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/api/portal/lists/unassigned")).StatusCode);
    }

    [Fact]
    public async Task In_app_service_mode_the_development_sign_in_does_not_exist()
    {
        await using var production = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "AppService" });

        var response = await production.Client.PostAsJsonAsync("/api/portal/dev/sign-in", new { name = "mallory", roles = new[] { "supervisor" } });

        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_overdue_complaint_is_in_the_overdue_queue_and_counted_in_the_navigation()
    {
        var now = DateTimeOffset.UtcNow;
        var overdue = await SeededComplaints.OpenAsync(_host, "overdue-1", now.AddMinutes(-10));
        var later = await SeededComplaints.OpenAsync(_host, "later-1", now.AddDays(5));
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        var queue = await (await agent.GetAsync("/api/portal/lists/overdue")).Content.ReadFromJsonAsync<JsonElement>();
        var counts = await (await agent.GetAsync("/api/portal/lists")).Content.ReadFromJsonAsync<JsonElement>();

        var ids = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("complaintId").GetString()).ToList();
        Assert.Contains(overdue.Id, ids);
        Assert.DoesNotContain(later.Id, ids);
        Assert.True(counts.GetProperty("overdue").GetInt32() >= 1);
        Assert.True(counts.GetProperty("unassigned").GetInt32() >= 2);
    }

    [Fact]
    public async Task Claiming_makes_the_agent_owner_and_a_stale_page_gets_a_conflict_naming_who_changed_it()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "claim-1", DateTimeOffset.UtcNow.AddDays(3));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        var (_, staleVersion) = await amy.ComplaintAsync(complaint.Id);

        var claimed = await sam.ActAsync(complaint.Id, "claim");
        var stale = await amy.PostAsync($"/api/portal/complaints/{complaint.Id}/notes", new { text = "Called the customer." }, staleVersion);

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("sam@desk.example", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var history = await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.DoesNotContain(history, e => e.Type == EventTypes.Note);
        Assert.Equal("sam@desk.example", history.Single(e => e.Type == EventTypes.Assigned).Data["to"]);
    }

    [Fact]
    public async Task The_systems_own_bookkeeping_since_the_page_was_read_does_not_make_it_stale()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "bookkeeping-1", DateTimeOffset.UtcNow.AddDays(3));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var (page, version) = await amy.ComplaintAsync(complaint.Id);
        await _host.Complaints.UpdateAsync(complaint.Id, c => c.Change(DateTimeOffset.UtcNow).Record(EventTypes.Warned, Actors.System), CancellationToken.None);

        var claimed = await amy.PostAsync($"/api/portal/complaints/{complaint.Id}/claim", version: version, seenSequence: page.GetProperty("lastSequence").GetInt32());

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal("amy@desk.example", (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint.Owner);
    }

    [Fact]
    public async Task An_agent_cannot_reassign_someone_elses_complaint_but_a_supervisor_can()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "reassign-1", DateTimeOffset.UtcNow.AddDays(3), owner: "bo@desk.example");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var byAgent = await amy.ActAsync(complaint.Id, "assign", new { assignee = "amy@desk.example" });
        var bySupervisor = await sam.ActAsync(complaint.Id, "assign", new { assignee = "amy@desk.example" });

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
        var (body, _) = await amy.ComplaintAsync(complaint.Id);
        Assert.Equal("amy@desk.example", body.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task State_changes_need_the_version_read_and_the_anti_forgery_token()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "guards-1", DateTimeOffset.UtcNow.AddDays(3));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var (_, version) = await amy.ComplaintAsync(complaint.Id);

        var withoutVersion = await amy.PostAsync($"/api/portal/complaints/{complaint.Id}/claim");
        var withoutToken = await amy.PostAsync($"/api/portal/complaints/{complaint.Id}/claim", version: version, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Null((await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint.Owner);
    }

    [Fact]
    public async Task Invalid_resolution_is_refused_field_by_field_in_the_staff_members_language()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "invalid-1", DateTimeOffset.UtcNow.AddDays(3));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var (_, version) = await amy.ComplaintAsync(complaint.Id);

        var response = await amy.PostAsync($"/api/portal/complaints/{complaint.Id}/resolve", new { resolution = " ", rootCause = "bad-luck" }, version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("This field is required.", errors.GetProperty("resolution")[0].GetString());
        Assert.Contains("our-error", errors.GetProperty("rootCause")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_complaint_recorded_twice_with_one_form_key_is_one_complaint_owned_by_the_agent()
    {
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var body = new { channel = "phone", name = "张伟", phone = "13800138000", text = "电话里说宽带一直断线，已经三天了。", idempotencyKey = "form-1" };

        var first = await amy.PostAsync("/api/portal/complaints", body);
        var second = await amy.PostAsync("/api/portal/complaints", body);
        var invalid = await amy.PostAsync("/api/portal/complaints", new { channel = "fax", text = "", idempotencyKey = "form-2" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal((Channel.Phone, "amy@desk.example"), (complaint.Channel, complaint.Owner));
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("channel", out _));
        Assert.True(errors.TryGetProperty("text", out _));
        Assert.True(errors.TryGetProperty("contact", out _));
    }

    [Fact]
    public async Task Queue_exports_as_csv_with_the_filter_applied()
    {
        var p1 = await SeededComplaints.OpenAsync(_host, "csv-p1", DateTimeOffset.UtcNow.AddDays(2), priority: Core.Complaints.Priority.P1);
        var p4 = await SeededComplaints.OpenAsync(_host, "csv-p4", DateTimeOffset.UtcNow.AddDays(2), priority: Core.Complaints.Priority.P4);
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        var response = await amy.GetAsync("/api/portal/lists/unassigned?priority=P1&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains(ComplaintId.ToReference(p1.Id), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(ComplaintId.ToReference(p4.Id), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_supervisor_sees_the_dashboards_staff_breakdown()
    {
        await SeededComplaints.OpenAsync(_host, "stats-1", DateTimeOffset.UtcNow.AddDays(9), owner: "amy@desk.example");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var forAgent = await (await amy.GetAsync("/api/portal/stats?days=30")).Content.ReadFromJsonAsync<JsonElement>();
        var forSupervisor = await (await sam.GetAsync("/api/portal/stats?days=30")).Content.ReadFromJsonAsync<JsonElement>();
        var badDays = await sam.GetAsync("/api/portal/stats?days=0");

        Assert.True(forAgent.GetProperty("total").GetInt32() >= 1);
        Assert.False(forAgent.TryGetProperty("staff", out _));
        Assert.Contains(forSupervisor.GetProperty("staff").EnumerateArray(), s => s.GetProperty("owner").GetString() == "amy@desk.example");
        Assert.Equal(HttpStatusCode.BadRequest, badDays.StatusCode);
    }
}
