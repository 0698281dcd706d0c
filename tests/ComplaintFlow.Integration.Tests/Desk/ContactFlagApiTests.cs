using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// Difficult contacts on the real app and Azurite: a supervisor flags the person behind one complaint, and their
/// other complaint (same phone, another channel) shows the flag and its plan to an agent; agents cannot flag; a bad
/// submission names every wrong field and writes nothing; a double submission is one flag; a lift ends it everywhere.
/// </summary>
public sealed class ContactFlagApiTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> FlagsAsync(StaffSession staff, string complaintId)
    {
        var response = await staff.GetAsync($"/api/portal/complaints/{complaintId}/contact-flags");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_supervisors_flag_shows_on_the_persons_other_complaints_refusals_write_nothing_and_a_lift_ends_it()
    {
        var due = DateTimeOffset.UtcNow.AddDays(4);
        var byEmail = await SeededComplaints.OpenAsync(_host, "flag-api-1", due,
            contact: new ContactDetails { Name = "Wang Fang", Email = "wang.fang@example.cn", Phone = "+8613800138000" });
        var bySms = await SeededComplaints.OpenAsync(_host, "flag-api-2", due, contact: new ContactDetails { Phone = "+86 138 0013 8000" });
        var stranger = await SeededComplaints.OpenAsync(_host, "flag-api-3", due);
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "agent", "supervisor");
        var expiresOn = DateTimeOffset.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var flag = new { kind = "abusive", reason = "Shouted abuse at two agents.", plan = "Supervisor takes every call.\nEnd the call after one warning.", expiresOn, idempotencyKey = "flag-1" };

        Assert.Equal(HttpStatusCode.Forbidden, (await amy.ActAsync(byEmail.Id, "contact-flags", flag)).StatusCode);
        var bad = await sam.ActAsync(byEmail.Id, "contact-flags", new { kind = "vip", reason = "", plan = "", expiresOn = "next year" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["expiresOn", "kind", "plan", "reason"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Empty((await FlagsAsync(amy, bySms.Id)).GetProperty("active").EnumerateArray());
        Assert.DoesNotContain(await _host.Complaints.GetHistoryAsync(byEmail.Id, CancellationToken.None), e => e.Type == ContactFlagEventTypes.Flagged);

        Assert.Equal(HttpStatusCode.OK, (await sam.ActAsync(byEmail.Id, "contact-flags", flag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.ActAsync(byEmail.Id, "contact-flags", flag)).StatusCode);

        var seen = await FlagsAsync(amy, bySms.Id);
        var shown = Assert.Single(seen.GetProperty("active").EnumerateArray());
        Assert.Equal("abusive", shown.GetProperty("kind").GetString());
        Assert.Equal("Supervisor takes every call.\nEnd the call after one warning.", shown.GetProperty("plan").GetString());
        Assert.Equal("sam@desk.example", shown.GetProperty("setBy").GetString());
        Assert.False(seen.GetProperty("canFlag").GetBoolean());
        Assert.Empty((await FlagsAsync(amy, stranger.Id)).GetProperty("active").EnumerateArray());
        Assert.Single(await _host.Complaints.GetHistoryAsync(byEmail.Id, CancellationToken.None), e => e.Type == ContactFlagEventTypes.Flagged);

        // Lifted from the SMS complaint (which knows only the phone): the email complaint no longer shows it either.
        var flagId = shown.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await sam.ActAsync(bySms.Id, $"contact-flags/{flagId}/lift", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.ActAsync(bySms.Id, $"contact-flags/{flagId}/lift", new { reason = "Apologised in writing." })).StatusCode);
        Assert.Empty((await FlagsAsync(amy, byEmail.Id)).GetProperty("active").EnumerateArray());
        var ended = Assert.Single((await FlagsAsync(sam, byEmail.Id)).GetProperty("ended").EnumerateArray());
        Assert.Equal("Apologised in writing.", ended.GetProperty("liftReason").GetString());
        Assert.Single(await _host.Complaints.GetHistoryAsync(bySms.Id, CancellationToken.None), e => e.Type == ContactFlagEventTypes.Lifted);
    }
}
