using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Pipeline;

/// <summary>A complaint goes from the web form to an acknowledgement, end to end, on Azurite.</summary>
public sealed class WalkingSkeletonTests
{
    [Fact]
    public async Task Web_complaint_is_acknowledged_once_by_email_and_its_history_reads_received_scored_notified()
    {
        await using var host = await AppHost.StartAsync();

        var response = await host.SubmitAsync(new
        {
            name = "王芳",
            email = "wang.fang@example.com",
            subject = "宽带断网",
            text = "家里宽带已经断网三天了，打了三次客服电话都没人处理，太失望了！",
        }, idempotencyKey: "walk-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        var reference = accepted.GetProperty("reference").GetString()!;
        Assert.Equal($"/status?reference={reference}", accepted.GetProperty("statusUrl").GetString());

        var emails = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.SendGrid.ReceivedEmail>?>(host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id).ToList()),
            list => list is { Count: > 0 },
            "the acknowledgement at the SendGrid fake");
        var history = await AppHost.EventuallyAsync(
            async () => await host.Complaints.GetHistoryAsync(id, CancellationToken.None),
            h => h?.Any(e => e.Type == EventTypes.Notified) == true,
            "the notified event");

        var acknowledgement = Assert.Single(emails);
        Assert.Equal(["wang.fang@example.com"], acknowledgement.To);
        Assert.Contains(reference, acknowledgement.Subject, StringComparison.Ordinal);
        Assert.Contains("我们已收到您的投诉", acknowledgement.Subject, StringComparison.Ordinal);
        Assert.Contains("> 家里宽带已经断网三天了", acknowledgement.Text, StringComparison.Ordinal);
        Assert.Equal([EventTypes.Received, EventTypes.Scored, EventTypes.Notified], history.Select(e => e.Type));
        Assert.Equal([1, 2, 3], history.Select(e => e.Sequence));

        var complaint = (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
        Assert.NotNull(complaint.AcknowledgedAt);
        Assert.Equal(acknowledgement.MessageId, Assert.Single(complaint.Notifications).ProviderMessageId);
    }

    [Fact]
    public async Task Status_page_api_shows_the_customer_their_complaint_and_the_promised_reply_deadline()
    {
        await using var host = await AppHost.StartAsync();
        var accepted = await (await host.SubmitAsync(new { email = "amy@example.com", text = "My parcel never arrived and nobody answers the phone." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var reference = accepted.GetProperty("reference").GetString()!;
        var id = accepted.GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the acknowledgement");

        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference.ToLowerInvariant()}?contact=AMY@example.com");

        Assert.Equal(reference, status.GetProperty("reference").GetString());
        Assert.Equal("in-progress", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("replyBy").GetDateTimeOffset() > status.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.False(status.TryGetProperty("text", out _), "the status API never returns the complaint text");
        Assert.False(status.TryGetProperty("triage", out _), "the status API never returns internal scores");
    }

    [Fact]
    public async Task Status_with_the_wrong_contact_is_indistinguishable_from_an_unknown_reference()
    {
        await using var host = await AppHost.StartAsync();
        var accepted = await (await host.SubmitAsync(new { phone = "13800138000", text = "话费被多扣了50元" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var reference = accepted.GetProperty("reference").GetString()!;

        var wrongContact = await host.Client.GetAsync($"/api/complaints/{reference}?contact=13900139000");
        var unknown = await host.Client.GetAsync("/api/complaints/CF-00000-00000?contact=13800138000");
        var right = await host.Client.GetAsync($"/api/complaints/{reference}?contact=%2B86%20138%200013%208000");

        Assert.Equal(HttpStatusCode.NotFound, wrongContact.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var a = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var b = await wrongContact.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
