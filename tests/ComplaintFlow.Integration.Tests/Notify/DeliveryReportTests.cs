using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Fakes;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Notify;

/// <summary>
/// Delivery you can see, against the running app and the provider fakes: a notice that did not reach the customer
/// is recorded as such, meets no clock, shows on the desk, and goes by the other channel.
/// </summary>
public sealed class DeliveryReportTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Auth:Mode"] = "Development",
        // The fakes post callbacks to the app's real address but sign the public URL, as Twilio signs what it was given.
        ["ComplaintFlow:Twilio:StatusCallback"] = "http://complaints.test/api/inbound/sms/twilio/status",
    };

    private static async Task<string> SubmitAsync(AppHost host, object complaint)
    {
        var response = await host.SubmitAsync(complaint);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<Complaint> EventuallyAsync(AppHost host, string id, Func<Complaint, bool> condition, string what) =>
        AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c is not null && condition(c),
            what,
            TimeSpan.FromSeconds(60))!;

    private static HttpRequestMessage SignedEvents(string payload, string? privateKey = DeliveryReporting.DevPrivateKey)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events/sendgrid") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (privateKey is not null)
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(privateKey), out _);
        }

        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature",
            Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(timestamp + payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        return request;
    }

    [Fact]
    public async Task An_acknowledgement_to_an_opted_out_number_is_not_sent_meets_no_clock_and_the_desk_shows_the_customer_not_reached()
    {
        await using var host = await AppHost.StartAsync(Settings);
        await host.Services.GetRequiredService<ISmsOptOuts>().OptOutAsync("+8613800131234", "STOP", CancellationToken.None);
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");

        var id = await SubmitAsync(host, new { phone = "+8613800131234", text = "My bill doubled without notice.", language = "en" });

        var complaint = await EventuallyAsync(host, id, c => c.Notifications.Any(n => n.Status == NotificationStatus.NotSent), "the acknowledgement recorded not sent");
        Assert.Null(complaint.AcknowledgedAt);
        Assert.All(complaint.Deadlines.Where(d => d.Kind == Core.Complaints.DeadlineKinds.Acknowledge), d => Assert.Null(d.MetAt));
        Assert.Empty(host.Texts.Messages);
        var history = await host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        Assert.DoesNotContain(history, e => e.Type == EventTypes.Notified);
        Assert.Equal("sms-opt-out", Assert.Single(history, e => e.Type == EventTypes.NotReached).Data["reason"]);

        var (view, _) = await amy.ComplaintAsync(id);
        Assert.Equal("call", view.GetProperty("notReached").GetProperty("next").GetString());
        Assert.Equal("NotSent", Assert.Single(view.GetProperty("notifications").EnumerateArray()).GetProperty("status").GetString());
        var queue = await (await amy.GetAsync("/api/portal/lists/not-reached")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("complaintId").GetString() == id && i.GetProperty("notReached").GetBoolean());
    }

    [Fact]
    public async Task A_mistyped_email_bounces_the_address_is_suppressed_and_the_acknowledgement_goes_by_sms()
    {
        await using var host = await AppHost.StartAsync(Settings);
        host.ReportDeliveries();
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");

        var id = await SubmitAsync(host, new { email = "li@bounce.example", phone = "+8613800135678", text = "My bill doubled without notice.", language = "en" });

        var complaint = await EventuallyAsync(host, id,
            c => c.Notifications.Any(n => n.Channel == NotificationChannel.Sms && n.Status is NotificationStatus.Delivered),
            "the bounce, then the text sent instead and delivered");
        var email = complaint.Notifications.Single(n => n.Channel == NotificationChannel.Email);
        Assert.Equal(NotificationStatus.Failed, email.Status);
        Assert.StartsWith("bounced: 550 5.1.1", email.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("li@bounce.example", email.Reason, StringComparison.Ordinal);
        Assert.NotNull(complaint.AcknowledgedAt);
        Assert.Equal("+8613800135678", Assert.Single(host.Texts.Messages).To);
        Assert.True(await host.Services.GetRequiredService<Core.Notify.IEmailSuppressions>().IsSuppressedAsync("li@bounce.example", CancellationToken.None));
        Assert.Empty(host.Deliveries.Failures);

        var (view, _) = await amy.ComplaintAsync(id);
        Assert.False(view.TryGetProperty("notReached", out _));
        var timeline = view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains(EventTypes.NotReached, timeline);
        Assert.Contains(EventTypes.Delivery, timeline);
    }

    [Fact]
    public async Task A_bounce_posted_twice_is_recorded_once_and_signatures_are_checked()
    {
        await using var host = await AppHost.StartAsync(Settings);
        var id = await SubmitAsync(host, new { email = "wu@example.com", text = "The engineer never came.", language = "en" });
        var complaint = await EventuallyAsync(host, id, c => c.AcknowledgedAt is not null, "the acknowledgement");
        var notice = complaint.Notifications.Single();
        var payload = JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, object> { ["email"] = "wu@example.com", ["timestamp"] = 1767225600, ["event"] = "bounce", ["type"] = "bounce", ["reason"] = "550 no such user", ["sg_event_id"] = "ev-bounce-1", ["complaintId"] = id, ["notificationId"] = notice.Id },
            new Dictionary<string, object> { ["email"] = "wu@example.com", ["timestamp"] = 1767225600, ["event"] = "open", ["sg_event_id"] = "ev-open-1", ["complaintId"] = id, ["notificationId"] = notice.Id },
        });

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = SignedEvents(payload, Convert.ToBase64String(otherKey.ExportPkcs8PrivateKey()));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(forged)).StatusCode);
        var tampered = SignedEvents(payload);
        tampered.Content = new StringContent(payload.Replace("550 no such user", "250 OK", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(tampered)).StatusCode);
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/events/sendgrid") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(unsigned)).StatusCode);
        Assert.Equal(NotificationStatus.Sent, (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Notifications.Single().Status);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SignedEvents(payload))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SignedEvents(payload))).StatusCode);

        var history = await host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        Assert.Single(history, e => e.Type == EventTypes.NotReached);
        var after = (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal(NotificationStatus.Failed, after.Notifications.Single().Status);
        Assert.Null(after.AcknowledgedAt); // no phone: nothing else to try, the desk is asked to call
        Assert.True(after.CustomerNotReached());
    }

    [Fact]
    public async Task Without_a_verification_key_every_event_post_is_refused()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["ComplaintFlow:SendGrid:EventWebhookPublicKey"] = "" });

        var response = await host.Client.SendAsync(SignedEvents("[]"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_text_twilio_reports_undelivered_is_recorded_with_its_error_and_the_customer_not_reached()
    {
        await using var host = await AppHost.StartAsync(Settings);
        host.ReportDeliveries();

        var id = await SubmitAsync(host, new { phone = "+8613800130000", text = "No signal for a week.", language = "en" });

        var complaint = await EventuallyAsync(host, id, c => c.Notifications.Any(n => n.Status == NotificationStatus.Failed), "the undelivered report");
        var text = complaint.Notifications.Single();
        Assert.Equal(("undelivered", "undelivered: undelivered, Twilio error 30003"), (text.Delivery, text.Reason));
        Assert.Null(complaint.AcknowledgedAt);
        Assert.True(complaint.CustomerNotReached());
        Assert.StartsWith("SM", text.ProviderMessageId, StringComparison.Ordinal);
        Assert.Empty(host.Deliveries.Failures);
    }
}
