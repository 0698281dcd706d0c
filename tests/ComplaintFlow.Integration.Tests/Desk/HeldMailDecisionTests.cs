using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// A supervisor decides what held mail is (Azurite behind the app): released, it becomes a complaint through the email
/// webhook's own path (or the customer's reply on a complaint named), once however often it is released; discarded,
/// the reason is kept. Both decisions are recorded with the mail and shown in the held-mail list.
/// </summary>
public sealed class HeldMailDecisionTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_releases_held_list_mail_into_a_complaint_of_its_own_once_however_often_it_is_released()
    {
        var name = await HoldListMailAsync("release-1@lists.example.cn", "路灯坏了一个星期，晚上走路很危险。");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var first = await sam.PostAsync("/api/portal/mail/release", new { name });
        var again = await sam.PostAsync("/api/portal/mail/release", new { name });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var decision = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
        Assert.Equal(("released", "sam@desk.example"), (decision.GetProperty("action").GetString(), decision.GetProperty("by").GetString()));
        var complaintId = decision.GetProperty("complaintId").GetString()!;
        Assert.Equal(complaintId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("complaintId").GetString());
        Assert.Equal(ComplaintId.FromSource(Channel.Email, "release-1@lists.example.cn"), complaintId);
        var complaint = (await _host.Complaints.FindAsync(complaintId, CancellationToken.None))!.Complaint;
        Assert.Equal(("路灯坏了一个星期，晚上走路很危险。", "li.wei@example.cn"), (complaint.Text, complaint.Contact.Email));
        Assert.Single(await _host.Complaints.GetHistoryAsync(complaintId, CancellationToken.None), e => e.Type == EventTypes.Received);

        var listed = await HeldAsync(sam, name);
        Assert.Equal(("released", ComplaintId.ToReference(complaintId)), ((string?)listed["decision"]!["action"], (string?)listed["decision"]!["reference"]));
    }

    [Fact]
    public async Task Held_mail_released_with_a_reference_is_added_to_that_complaint_as_the_customers_reply()
    {
        var submitted = await _host.SubmitAsync(new { name = "Li Wei", email = "li.wei@example.cn", text = "The street lights on High St are out." }, "held-into-1");
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var name = await HoldListMailAsync("release-2@lists.example.cn", "They are still out tonight.");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var released = await sam.PostAsync("/api/portal/mail/release", new { name, reference });

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.True(ComplaintId.TryParse(reference, out var id));
        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal("They are still out tonight.", Assert.Single(complaint.Replies).Text);
        var unknown = await sam.PostAsync("/api/portal/mail/release", new { name = await HoldListMailAsync("release-3@lists.example.cn", "Hello"), reference = "CF-00000-00000" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("reference", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_discard_needs_a_reason_is_recorded_and_shown_and_a_discarded_mail_cannot_then_be_released()
    {
        var name = await HoldListMailAsync("discard-1@lists.example.cn", "Residents' meeting on Friday.");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        using var kim = await StaffSession.SignInAsync(_host, "kim@desk.example", "supervisor");

        var noReason = await sam.PostAsync("/api/portal/mail/discard", new { name, reason = " " });
        var discarded = await sam.PostAsync("/api/portal/mail/discard", new { name, reason = "Residents' list newsletter, not a complaint." });
        var release = await kim.PostAsync("/api/portal/mail/release", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);
        Assert.Contains("already discarded by sam@desk.example", await release.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await HeldAsync(kim, name);
        Assert.Equal(("discarded", "sam@desk.example", "Residents' list newsletter, not a complaint."),
            ((string?)listed["decision"]!["action"], (string?)listed["decision"]!["by"], (string?)listed["decision"]!["reason"]));
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "discard-1@lists.example.cn"), CancellationToken.None));
    }

    [Fact]
    public async Task Agents_and_requests_without_the_anti_forgery_token_cannot_decide()
    {
        var name = await HoldListMailAsync("agent-1@lists.example.cn", "Please fix the lights.");
        using var ana = await StaffSession.SignInAsync(_host, "ana@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsync("/api/portal/mail/release", new { name })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsync("/api/portal/mail/discard", new { name, reason = "spam" })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await sam.PostAsync("/api/portal/mail/release", new { name }, withAntiforgery: false)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.PostAsync("/api/portal/mail/release", new { name = "quarantine/nothing.json" })).StatusCode);
        Assert.Null((await HeldAsync(sam, name))["decision"]);
    }

    private async Task<string> HoldListMailAsync(string messageId, string text)
    {
        var post = SendGridPost.Mail("Li Wei <li.wei@example.cn>", "[High St residents] lights", text, messageId, "Precedence: list", "List-Id: <residents.lists.example.cn>");
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.PostAsync("/api/inbound/email", content)).StatusCode);
        // Newest first: the one just held is the newest this test has not taken yet.
        var held = await _host.Services.GetRequiredService<IQuarantine>().ListAsync(200, CancellationToken.None);
        var name = held.First(h => h.Reason == "bulk" && !_taken.Contains(h.BlobName)).BlobName;
        _taken.Add(name);
        return name;
    }

    private readonly HashSet<string> _taken = [];

    private static async Task<JsonNode> HeldAsync(StaffSession staff, string name)
    {
        var mail = await (await staff.GetAsync("/api/portal/mail")).Content.ReadFromJsonAsync<JsonObject>();
        return mail!["quarantined"]!.AsArray().Single(i => (string?)i!["name"] == name)!;
    }
}
