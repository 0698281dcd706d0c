using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// Escalation by authority on the real app and Azurite: an agent escalates, the complaint shows on the supervisors'
/// "authority" work list, a supervisor takes it over; refusals are problem+json with nothing written, and a state
/// change without the anti-forgery token is refused.
/// </summary>
public sealed class AuthorityEscalationApiTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> AuthorityListAsync(StaffSession staff) =>
        await (await staff.GetAsync("/api/portal/lists/authority")).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task An_agent_escalates_a_supervisor_sees_it_on_the_authority_list_and_takes_it_over_and_refusals_write_nothing()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "authority-1", DateTimeOffset.UtcNow.AddDays(4));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "agent", "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(complaint.Id, "claim")).StatusCode);

        var badReason = await amy.ActAsync(complaint.Id, "escalate", new { reason = "tired" });
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.Equal("application/problem+json", badReason.Content.Headers.ContentType?.MediaType);
        Assert.Contains("beyond-authority", (await badReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        var (_, version) = await amy.ComplaintAsync(complaint.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await amy.PostAsync($"/api/portal/complaints/{complaint.Id}/escalate", new { reason = "legal" }, version, withAntiforgery: false)).StatusCode);
        Assert.Empty((await AuthorityListAsync(sam)).GetProperty("items").EnumerateArray());

        var escalated = await amy.ActAsync(complaint.Id, "escalate", new { reason = "legal", note = "Customer's solicitor wrote." });
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        Assert.Equal("legal", (await escalated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorityEscalation").GetProperty("reason").GetString());
        var row = Assert.Single((await AuthorityListAsync(sam)).GetProperty("items").EnumerateArray());
        Assert.Equal(complaint.Id, row.GetProperty("complaintId").GetString());

        var twice = await amy.ActAsync(complaint.Id, "escalate", new { reason = "beyond-authority" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await amy.ActAsync(complaint.Id, "escalation/take-over", new { reason = "mine" })).StatusCode);

        var taken = await sam.ActAsync(complaint.Id, "escalation/take-over", new { reason = "Legal letters go through me." });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var page = await taken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sam@desk.example", page.GetProperty("owner").GetString());
        Assert.False(page.TryGetProperty("authorityEscalation", out _));
        Assert.Empty((await AuthorityListAsync(sam)).GetProperty("items").EnumerateArray());
        var history = await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Equal(
            [AuthorityEscalationEventTypes.Escalated, AuthorityEscalationEventTypes.TakenOver],
            history.Where(e => e.Type.StartsWith("authority-", StringComparison.Ordinal)).Select(e => e.Type));
    }
}
