using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Notify;

public sealed class DeliveryReportTests
{
    private readonly NoticeFixtures _f = new();

    private async Task<Complaint> AcknowledgedByEmailAsync(string? phone = "+8613800138000")
    {
        var complaint = _f.Owed(NotificationChannel.Email, phone: phone);
        await _f.Notify().HandleAsync(new NotificationMessage(complaint.Id, complaint.Notifications[0].Id), CancellationToken.None);
        var sent = _f.Current(complaint.Id);
        Assert.NotNull(sent.AcknowledgedAt);
        return sent;
    }

    private static DeliveryReport Report(Complaint complaint, DeliveryOutcome outcome, string eventId = "ev-1", string? reason = null) => new()
    {
        ComplaintId = complaint.Id,
        NotificationId = complaint.Notifications[0].Id,
        EventId = eventId,
        Outcome = outcome,
        Reason = reason,
        At = NoticeFixtures.Received.AddMinutes(2),
    };

    [Fact]
    public async Task A_bounce_posted_twice_is_recorded_once()
    {
        var complaint = await AcknowledgedByEmailAsync();
        var bounce = Report(complaint, DeliveryOutcome.Bounced, reason: "550 5.1.1 <li@example.com>: user unknown");

        Assert.True(await _f.Reports().RecordAsync(bounce, null, CancellationToken.None));
        Assert.True(await _f.Reports().RecordAsync(bounce, null, CancellationToken.None));

        var history = await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        var notReached = Assert.Single(history, e => e.Type == EventTypes.NotReached);
        Assert.Equal("bounced", notReached.Data["outcome"]);
        Assert.Equal("bounced: 550 5.1.1 <[address]>: user unknown", notReached.Data["reason"]);
        Assert.Single(_f.Current(complaint.Id).Notifications, n => n.Channel == NotificationChannel.Sms);
    }

    [Fact]
    public async Task A_hard_bounce_suppresses_the_address_reopens_the_acknowledgement_clocks_and_sends_it_by_sms()
    {
        var complaint = await AcknowledgedByEmailAsync();

        await _f.Reports().RecordAsync(Report(complaint, DeliveryOutcome.Bounced), "00-trace", CancellationToken.None);

        var after = _f.Current(complaint.Id);
        Assert.Equal(NotificationStatus.Failed, after.Notifications[0].Status);
        Assert.Null(after.AcknowledgedAt);
        Assert.All(after.Deadlines, d => Assert.Null(d.MetAt));
        Assert.True(after.CustomerNotReached());
        Assert.Equal("bounced", _f.Suppressions.Addresses["li@example.com"]);

        var sms = Assert.Single(_f.Queue.Notices);
        await _f.Notify().HandleAsync(sms, CancellationToken.None);
        after = _f.Current(complaint.Id);
        Assert.Equal((NotificationChannel.Sms, NotificationStatus.Sent), (after.Notifications[1].Channel, after.Notifications[1].Status));
        Assert.Equal("+8613800138000", Assert.Single(_f.Sms.Sent).To);
        Assert.NotNull(after.AcknowledgedAt);
        Assert.False(after.CustomerNotReached());
    }

    [Fact]
    public async Task The_next_email_to_a_suppressed_address_is_not_sent_and_goes_by_sms()
    {
        await _f.Suppressions.SuppressAsync("li@example.com", "spam-report", CancellationToken.None);
        var complaint = _f.Owed(NotificationChannel.Email);

        await _f.Notify().HandleAsync(new NotificationMessage(complaint.Id, complaint.Notifications[0].Id), CancellationToken.None);

        Assert.Empty(_f.Email.Sent);
        var after = _f.Current(complaint.Id);
        Assert.Equal((NotificationStatus.NotSent, "email-suppressed"), (after.Notifications[0].Status, after.Notifications[0].Reason));
        Assert.Equal(after.Notifications[1].Id, Assert.Single(_f.Queue.Notices).NotificationId);
    }

    [Fact]
    public async Task Delivered_and_deferred_are_recorded_on_the_timeline_and_keep_the_clocks_met()
    {
        var complaint = await AcknowledgedByEmailAsync();

        await _f.Reports().RecordAsync(Report(complaint, DeliveryOutcome.Deferred, "ev-1", "451 try later"), null, CancellationToken.None);
        await _f.Reports().RecordAsync(Report(complaint, DeliveryOutcome.Delivered, "ev-2"), null, CancellationToken.None);

        var after = _f.Current(complaint.Id);
        Assert.Equal((NotificationStatus.Delivered, "delivered"), (after.Notifications[0].Status, after.Notifications[0].Delivery));
        Assert.NotNull(after.AcknowledgedAt);
        Assert.All(after.Deadlines.Where(d => d.MetBy == MilestoneNames.Acknowledgement), d => Assert.NotNull(d.MetAt));
        var history = await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Equal(["deferred", "delivered"], history.Where(e => e.Type == EventTypes.Delivery).Select(e => e.Data["outcome"]));
        Assert.Empty(_f.Suppressions.Addresses);
    }

    [Fact]
    public async Task An_undelivered_text_with_no_email_known_asks_the_desk_to_call()
    {
        var complaint = _f.Owed(NotificationChannel.Sms, email: null);
        await _f.Notify().HandleAsync(new NotificationMessage(complaint.Id, complaint.Notifications[0].Id), CancellationToken.None);

        await _f.Reports().RecordAsync(Report(_f.Current(complaint.Id), DeliveryOutcome.Undelivered, "SM1:undelivered", "30003"), null, CancellationToken.None);

        var after = _f.Current(complaint.Id);
        Assert.Equal(NotificationStatus.Failed, Assert.Single(after.Notifications).Status);
        Assert.True(after.CustomerNotReached());
        Assert.Empty(_f.Queue.Notices);
        var history = await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Equal(NotReached.CallTheCustomer, Assert.Single(history, e => e.Type == EventTypes.NotReached).Data["fallback"]);
    }

    [Fact]
    public async Task A_report_for_an_unknown_notice_records_nothing()
    {
        var complaint = await AcknowledgedByEmailAsync();

        Assert.False(await _f.Reports().RecordAsync(Report(complaint, DeliveryOutcome.Bounced) with { NotificationId = "nope" }, null, CancellationToken.None));
        Assert.False(await _f.Reports().RecordAsync(Report(complaint, DeliveryOutcome.Bounced) with { ComplaintId = "nope" }, null, CancellationToken.None));
        Assert.Empty(_f.Suppressions.Addresses);
    }
}
