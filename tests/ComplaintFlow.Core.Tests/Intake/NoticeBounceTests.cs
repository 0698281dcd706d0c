using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.InMemory;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// Some receiving servers send their bounce to the complaints mailbox (the notice's From or Reply-To) instead of the
/// provider's bounce address, so the provider's delivery report never comes. Such a bounce names our notice by its
/// Message-ID in the returned headers; it must be recorded as that notice's fate, not silently ignored.
/// </summary>
public sealed class NoticeBounceTests
{
    private static readonly InboundEmailParser Parser = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPipeline _pipeline;

    public NoticeBounceTests() => _pipeline = new InMemoryPipeline(_time);

    /// <summary>A web complaint with a mistyped address and a phone number, acknowledged by email.</summary>
    private async Task<(Complaint Complaint, Notification Acknowledgement)> AcknowledgedAsync()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill charged me twice for March.", email: "li.lei@exmaple.com", phone: "+8613912345678")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        var complaint = await _pipeline.ComplaintAsync(id);
        var acknowledgement = complaint.Notifications.Single(n => n.Kind == NotificationKind.Acknowledgement && n.Channel == NotificationChannel.Email);
        Assert.Equal(NotificationStatus.Sent, acknowledgement.Status);
        return (complaint, acknowledgement);
    }

    private Task<InboundEmailOutcome> DeliverAsync(string eml)
    {
        var post = EmailFixtures.Raw(Encoding.UTF8.GetBytes(eml.ReplaceLineEndings("\r\n")));
        var body = post.Bytes();
        return _pipeline.EmailIntake.HandleAsync(Parser.Parse(body, post.ContentType), new RawPayload(body, post.ContentType, "multipart"), traceParent: null, CancellationToken.None);
    }

    private static string Dsn(string action, string status, string returnedMessageId, string dsnId = "dsn-1@mx.exmaple.com") => $"""
        From: Mail Delivery System <MAILER-DAEMON@mx.exmaple.com>
        To: complaints@complaintflow.example
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <{dsnId}>
        Date: Mon, 7 Dec 2026 02:05:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.exmaple.com. Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.exmaple.com

        Final-Recipient: rfc822; li.lei@exmaple.com
        Action: {action}
        Status: {status}
        Diagnostic-Code: smtp; 550 {status} <li.lei@exmaple.com>: Recipient address rejected: User unknown

        --b1
        Content-Type: text/rfc822-headers

        From: Complaints <complaints@complaintflow.example>
        To: li.lei@exmaple.com
        Subject: We have your complaint
        Message-ID: <{returnedMessageId}>

        --b1--
        """;

    [Fact]
    public async Task A_bounce_of_our_acknowledgement_sent_to_the_complaints_mailbox_marks_the_customer_not_reached_and_sends_the_text_instead()
    {
        var (complaint, acknowledgement) = await AcknowledgedAsync();
        var smsBefore = _pipeline.Sms.Sent.Count;

        var outcome = await DeliverAsync(Dsn("failed", "5.1.1", $"{acknowledgement.Id}@{_pipeline.NotifyOptions.MessageIdDomain}"));
        await _pipeline.RunNotifyAsync();

        Assert.Equal((InboundEmailOutcomeKind.Ignored, InboundEmailReasons.Bounce, complaint.Id), (outcome.Kind, outcome.Reason, outcome.ComplaintId));
        var after = await _pipeline.ComplaintAsync(complaint.Id);
        var bounced = after.Notifications.Single(n => n.Id == acknowledgement.Id);
        Assert.Equal((NotificationStatus.Failed, "bounced"), (bounced.Status, bounced.Delivery));
        Assert.Contains("5.1.1", bounced.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("li.lei@exmaple.com", bounced.Reason, StringComparison.Ordinal);
        // The acknowledgement went again by text, and that one got through: the customer counts as reached again.
        Assert.Contains(after.Notifications, n => n.Kind == NotificationKind.Acknowledgement && n.Channel == NotificationChannel.Sms && n.Status == NotificationStatus.Sent);
        Assert.False(after.CustomerNotReached());
        Assert.Equal("bounced", _pipeline.Suppressions.Addresses["li.lei@exmaple.com"]);
        var text = Assert.Single(_pipeline.Sms.Sent.Skip(smsBefore));
        Assert.Equal("+8613912345678", text.To);
        Assert.DoesNotContain(_pipeline.Store.All(), c => c.Id != complaint.Id);
    }

    [Fact]
    public async Task The_same_bounce_delivered_twice_is_recorded_once_and_the_text_goes_once()
    {
        var (complaint, acknowledgement) = await AcknowledgedAsync();
        var smsBefore = _pipeline.Sms.Sent.Count;
        var dsn = Dsn("failed", "5.1.1", $"{acknowledgement.Id}@{_pipeline.NotifyOptions.MessageIdDomain}");

        await DeliverAsync(dsn);
        await DeliverAsync(dsn);
        await _pipeline.RunNotifyAsync(deliveries: 2);

        var history = await _pipeline.HistoryAsync(complaint.Id);
        Assert.Single(history, e => e.Type == EventTypes.NotReached || (e.Type == EventTypes.Delivery && e.Data.GetValueOrDefault("outcome") == "bounced"));
        Assert.Single(_pipeline.Sms.Sent.Skip(smsBefore));
    }

    [Fact]
    public async Task A_delay_notice_is_recorded_as_deferred_and_the_customer_still_counts_as_reached()
    {
        var (complaint, acknowledgement) = await AcknowledgedAsync();

        var outcome = await DeliverAsync(Dsn("delayed", "4.4.7", $"{acknowledgement.Id}@{_pipeline.NotifyOptions.MessageIdDomain}"));

        Assert.Equal(InboundEmailReasons.Delay, outcome.Reason);
        var after = await _pipeline.ComplaintAsync(complaint.Id);
        var notice = after.Notifications.Single(n => n.Id == acknowledgement.Id);
        Assert.Equal((NotificationStatus.Sent, "deferred"), (notice.Status, notice.Delivery));
        Assert.False(after.CustomerNotReached());
        Assert.Empty(_pipeline.Suppressions.Addresses);
    }

    [Theory]
    [InlineData("{0}@another-company.example")]
    [InlineData("someone-else@mail.example")]
    public async Task A_bounce_naming_a_message_that_is_not_one_of_our_notices_changes_nothing(string returned)
    {
        var (complaint, acknowledgement) = await AcknowledgedAsync();

        var outcome = await DeliverAsync(Dsn("failed", "5.1.1", string.Format(System.Globalization.CultureInfo.InvariantCulture, returned, acknowledgement.Id)));

        Assert.Equal((InboundEmailOutcomeKind.Ignored, InboundEmailReasons.Bounce, null), (outcome.Kind, outcome.Reason, outcome.ComplaintId));
        Assert.Equal(NotificationStatus.Sent, (await _pipeline.ComplaintAsync(complaint.Id)).Notifications.Single(n => n.Id == acknowledgement.Id).Status);
        Assert.Empty(_pipeline.Suppressions.Addresses);
    }
}
