using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Fakes;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Reliability;

/// <summary>
/// SendGrid and Twilio answering 429, 5xx or not at all: a notice is retried by the client, then by the queue, and
/// sent exactly once; a notice that never gets through is parked with its reason and shown as failed, and a
/// supervisor's replay sends it once.
/// </summary>
public sealed class ProviderFaultTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Auth:Mode"] = "Development",
        // One attempt gives up after a second, so a stalled provider is a timeout the test can wait for.
        ["ComplaintFlow:SendGrid:Timeout"] = "00:00:01",
        ["ComplaintFlow:Twilio:Timeout"] = "00:00:01",
    };

    [Fact]
    public async Task An_email_refused_with_429_500_and_a_timeout_beyond_the_clients_retries_is_sent_by_the_queue_redelivery_exactly_once()
    {
        await using var host = await AppHost.StartAsync(Settings);
        // Five failures: more than one delivery's four attempts (1 + 3 retries), so the queue's redelivery finishes the job.
        var faults = host.Mailbox.Faults;
        faults.Add(new FaultPlan.Fault(429, RetryAfterSeconds: 1));
        faults.Add(new FaultPlan.Fault(500));
        faults.Add(new FaultPlan.Fault(500, DelayMilliseconds: 3000));
        faults.Add(new FaultPlan.Fault(503), times: 2);

        var id = await SubmitAsync(host, new { email = "retry@example.com", text = "My bill is wrong again.", language = "en" });

        var complaint = await AcknowledgedAsync(host, id);
        Assert.False(faults.TryTake(out _), "every planned fault was met");
        await AssertStillOnlyAsync(() => host.Mailbox.Emails.Count(e => e.CustomArgs.GetValueOrDefault("complaintId") == id), 1);
        await AssertSentOnceWithoutFailureAsync(host, complaint);
    }

    [Fact]
    public async Task A_text_refused_with_429_500_and_a_timeout_beyond_the_clients_retries_is_sent_by_the_queue_redelivery_exactly_once()
    {
        await using var host = await AppHost.StartAsync(Settings);
        host.Texts.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1));
        host.Texts.FailNext(1, 500);
        host.Texts.FailNext(1, 500, stall: TimeSpan.FromSeconds(3));
        host.Texts.FailNext(2, 503);

        var id = await SubmitAsync(host, new { phone = "+8613800138123", text = "信号太差，已经三天了。" });

        var complaint = await AcknowledgedAsync(host, id);
        Assert.Equal(6, host.Texts.RequestCount);
        await AssertStillOnlyAsync(() => host.Texts.Messages.Count(m => m.To == "+8613800138123"), 1);
        await AssertSentOnceWithoutFailureAsync(host, complaint);
    }

    [Fact]
    public async Task SendGrid_is_asked_again_only_after_the_time_its_429_names()
    {
        await using var host = await AppHost.StartAsync(Settings);
        host.Mailbox.Faults.Add(new FaultPlan.Fault(429, RetryAfterSeconds: 3));
        var sender = host.Services.GetRequiredService<IEmailSender>();

        var clock = Stopwatch.StartNew();
        await sender.SendAsync(
            new EmailMessage { To = "wait@example.com", Subject = "s", Text = "t", Html = "<p>t</p>", MessageId = "<wait@complaintflow.test>" },
            CancellationToken.None);

        // The client's own back-off starts at half a second; only honouring Retry-After waits this long.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(15));
        Assert.Single(host.Mailbox.Emails, e => e.To.Contains("wait@example.com"));
    }

    [Fact]
    public async Task A_notice_that_never_gets_through_is_parked_with_its_reason_shown_as_failed_and_a_supervisors_replay_sends_it_once()
    {
        await using var host = await AppHost.StartAsync(Settings);
        host.Mailbox.Faults.Add(new FaultPlan.Fault(503), times: 1000);
        var id = await SubmitAsync(host, new { email = "unlucky@example.com", text = "Nobody answers my calls.", language = "en" });
        using var sue = await StaffSession.SignInAsync(host, "sue@desk.example", "supervisor");
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");

        var parked = await AppHost.EventuallyAsync(
            async () => (await PoisonAsync(sue, QueueNames.Notifications)).FirstOrDefault(i => i.ComplaintId == id),
            i => i is not null,
            "the acknowledgement parked in notifications-poison",
            TimeSpan.FromSeconds(150));

        // The reason says what failed, how and how often, and nothing about the customer.
        Assert.Equal("Notify", parked.Reason!.Function);
        Assert.Equal("EmailNotAcceptedException", parked.Reason.Error);
        Assert.Equal(503, parked.Reason.Status);
        Assert.Equal(5, parked.Reason.Attempts);
        Assert.DoesNotContain("unlucky", JsonSerializer.Serialize(parked), StringComparison.Ordinal);

        // The acknowledgement's message carried the complaint, address and text included, to save Notify a read; the
        // poison queue, which an erasure does not reach, keeps the message without it (ids only).
        var poisonQueue = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{host.Prefix}{QueueNames.Notifications}-poison");
        var kept = Assert.Single((await poisonQueue.PeekMessagesAsync(32)).Value).Body.ToString();
        Assert.Contains(id, kept, StringComparison.Ordinal);
        Assert.DoesNotContain("unlucky", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("Nobody answers", kept, StringComparison.Ordinal);
        Assert.Empty(host.Mailbox.Emails);
        var (view, _) = await sue.ComplaintAsync(id);
        Assert.Equal("Failed", Assert.Single(view.GetProperty("notifications").EnumerateArray()).GetProperty("status").GetString());
        var failed = Assert.Single(await host.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.NotificationFailed);
        Assert.Equal("503", failed.Data["status"]);
        Assert.Equal("5", failed.Data["attempts"]);

        // Only a supervisor sees and replays poison, with the anti-forgery token like every portal action.
        Assert.Equal(HttpStatusCode.Forbidden, (await amy.GetAsync("/api/portal/poison")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await amy.PostAsync("/api/portal/poison/notifications/replay")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await sue.PostAsync("/api/portal/poison/notifications/replay", withAntiforgery: false)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sue.PostAsync("/api/portal/poison/nonsense/replay")).StatusCode);

        host.Mailbox.Faults.Clear();
        var replay = await sue.PostAsync("/api/portal/poison/notifications/replay", new { id = parked.Id });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var complaint = await AcknowledgedAsync(host, id);
        Assert.Equal(NotificationStatus.Sent, Assert.Single(complaint.Notifications).Status);
        Assert.DoesNotContain(await PoisonAsync(sue, QueueNames.Notifications), i => i.ComplaintId == id);

        // Replaying it again finds nothing; a copy parked twice (a crash mid-replay) is replayed without a second email.
        var again = await sue.PostAsync("/api/portal/poison/notifications/replay", new { id = parked.Id });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var poison = host.Services.GetRequiredService<IPoisonQueues>();
        await poison.ParkAsync(QueueNames.Notifications, NotificationJson(id, complaint.Notifications[0].Id), parked.Reason, CancellationToken.None);
        var all = await (await sue.PostAsync("/api/portal/poison/notifications/replay")).Content.ReadFromJsonAsync<ReplayReport>(Json);
        Assert.Single(all!.Replayed);
        await AssertStillOnlyAsync(() => host.Mailbox.Emails.Count(e => e.CustomArgs.GetValueOrDefault("complaintId") == id), 1);
        Assert.Single(await host.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.Notified);
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static string NotificationJson(string complaintId, string notificationId) =>
        JsonSerializer.Serialize(new NotificationMessage(complaintId, notificationId), ComplaintJson.Options);

    internal static async Task<string> SubmitAsync(AppHost host, object complaint)
    {
        var response = await host.SubmitAsync(complaint);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    internal static async Task<Complaint> AcknowledgedAsync(AppHost host, string id) =>
        (await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the acknowledgement",
            TimeSpan.FromSeconds(90)))!;

    /// <summary>The count is right now and stays right once redeliveries would have had time to add a duplicate.</summary>
    internal static async Task AssertStillOnlyAsync(Func<int> count, int expected)
    {
        Assert.Equal(expected, count());
        await Task.Delay(TimeSpan.FromSeconds(6)); // longer than host.json's visibilityTimeout
        Assert.Equal(expected, count());
    }

    private static async Task AssertSentOnceWithoutFailureAsync(AppHost host, Complaint complaint)
    {
        var history = await host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Single(history, e => e.Type == EventTypes.Notified);
        Assert.DoesNotContain(history, e => e.Type == EventTypes.NotificationFailed);
        Assert.Empty(await host.Services.GetRequiredService<IPoisonQueues>().ListAsync(QueueNames.Notifications, CancellationToken.None));
    }

    private static async Task<IReadOnlyList<PoisonItem>> PoisonAsync(StaffSession supervisor, string queue)
    {
        var response = await supervisor.GetAsync("/api/portal/poison");
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = body.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == queue).GetProperty("items");
        return items.Deserialize<List<PoisonItem>>(Json)!;
    }
}
