using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// An interim reply written on the desk goes out through Notify like every notice: through the real queue to the
/// SendGrid and Twilio fakes, once, even when the desk's request is sent twice and the queue message is delivered
/// twice; once sent it meets the first-response clock.
/// </summary>
public sealed class InterimReplyTests
{
    [Fact]
    public async Task An_interim_reply_reaches_the_provider_once_when_its_request_and_its_queue_message_come_twice()
    {
        // A delivery that finds the notice claimed by the other comes back when the claim lapses: short here, so the
        // test sees the second delivery through.
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development", ["ComplaintFlow:Notify:ClaimLease"] = "00:00:10" });
        var accepted = await (await host.SubmitAsync(new { email = "zhou@example.com", phone = "+8613800138123", text = "电表读数明显不对，账单翻了一倍。", language = "zh-Hans" }, "interim-1"))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90));
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");
        var queue = new QueueClient(host.Azurite.ConnectionString, new StorageOptions { NamePrefix = host.Prefix }.Queue(QueueNames.Notifications));

        foreach (var (channel, words) in new[] { ("email", "工程师将于周五上门核查电表。"), ("sms", "明早九点前工程师会致电您。") })
        {
            // The page is read once the pipeline has nothing in flight for it (the acknowledgement, the reply before):
            // a notice marked sent after the read would make the page stale, which is another test's subject.
            await AppHost.EventuallyAsync(
                async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
                c => c?.Notifications.All(n => n.IsSettled) == true,
                "every notice so far settled",
                TimeSpan.FromSeconds(90));
            var (_, version) = await amy.ComplaintAsync(id);
            var body = new { channel, text = words, idempotencyKey = $"form-{channel}" };
            var first = await amy.PostAsync($"/api/portal/complaints/{id}/interim", body, version);
            var again = await amy.PostAsync($"/api/portal/complaints/{id}/interim", body, version); // a double click
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));

            // The notice's queue message delivered a second time, as the queue may.
            var notice = (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Notifications
                .Single(n => n.Kind == NotificationKind.Interim && n.Channel.ToString().Equals(channel, StringComparison.OrdinalIgnoreCase));
            await host.Services.GetRequiredService<IMessageQueue>().SendAsync(QueueNames.Notifications, new NotificationMessage(id, notice.Id), CancellationToken.None);
        }

        var complaint = await AppHost.EventuallyAsync(
            async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint : null,
            c => c?.Notifications.Count(n => n.Kind == NotificationKind.Interim && n.Status == NotificationStatus.Sent) == 2,
            "both interim replies sent and every queue message done",
            TimeSpan.FromSeconds(90));

        var emails = host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id && e.Text!.Contains("工程师将于周五上门核查电表。", StringComparison.Ordinal)).ToList();
        var email = Assert.Single(emails);
        Assert.EndsWith("您的投诉处理进展", email.Subject, StringComparison.Ordinal);
        var text = Assert.Single(host.Texts.Messages, m => m.To == "+8613800138123");
        Assert.Contains("明早九点前工程师会致电您。", text.Body, StringComparison.Ordinal);
        Assert.Contains(complaint.Reference, text.Body, StringComparison.Ordinal);

        var firstSent = complaint.Notifications.Where(n => n.Kind == NotificationKind.Interim).Min(n => n.SentAt);
        Assert.Equal(firstSent, complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.FirstResponse).MetAt);
        var history = await host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        Assert.Equal(2, history.Count(e => e.Type == "contact"));
    }

    [Fact]
    public async Task Bad_contact_and_preview_requests_are_refused_naming_each_field_and_write_nothing()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });
        var accepted = await (await host.SubmitAsync(new { email = "qian@example.com", text = "Charged twice for March.", language = "en" }, "contact-bad-1"))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90));
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");
        var (_, version) = await amy.ComplaintAsync(id);

        var noVersion = await amy.PostAsync($"/api/portal/complaints/{id}/contacts", new { method = "phone", outcome = "reached", summary = "Called.", idempotencyKey = "k" });
        var invalid = await amy.PostAsync($"/api/portal/complaints/{id}/contacts", new { method = "fax", summary = "" }, version);
        var noPhone = await amy.PostAsync($"/api/portal/complaints/{id}/interim/preview", new { channel = "sms", text = "Hello" });
        var emptyResolution = await amy.PostAsync($"/api/portal/complaints/{id}/resolve/preview", new { resolution = " ", rootCause = "our-error" });
        var letter = await amy.PostAsync($"/api/portal/complaints/{id}/resolve/preview", new { resolution = "We refunded the second charge.", rootCause = "our-error" });

        Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["idempotencyKey", "method", "outcome", "summary"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, noPhone.StatusCode);
        Assert.True((await noPhone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _));
        Assert.Equal(HttpStatusCode.BadRequest, emptyResolution.StatusCode);
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        var previewed = (await letter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("letters").EnumerateArray().Single();
        Assert.Equal("email", previewed.GetProperty("channel").GetString());
        Assert.Contains("We refunded the second charge.", previewed.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Nothing was written by any of them: the version is the one read, and nothing is resolved.
        var (body, after) = await amy.ComplaintAsync(id);
        Assert.Equal(version, after);
        Assert.Equal("Open", body.GetProperty("status").GetString());
    }
}
