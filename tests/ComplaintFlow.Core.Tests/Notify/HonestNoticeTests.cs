using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>A notice that did not reach the customer is never recorded as if it had.</summary>
public sealed class HonestNoticeTests
{
    private readonly NoticeFixtures _f = new();

    private static NotificationMessage MessageFor(Complaint complaint, int index = 0) => new(complaint.Id, complaint.Notifications[index].Id);

    [Fact]
    public async Task An_acknowledgement_to_an_opted_out_number_is_recorded_not_sent_with_its_reason_and_meets_no_clock()
    {
        var complaint = _f.Owed(NotificationChannel.Sms, email: null);
        _f.OptedOut.Add("+8613800138000");

        await _f.Notify().HandleAsync(MessageFor(complaint), CancellationToken.None);

        var after = _f.Current(complaint.Id);
        var ack = Assert.Single(after.Notifications);
        Assert.Equal(NotificationStatus.NotSent, ack.Status);
        Assert.Equal("sms-opt-out", ack.Reason);
        Assert.Null(ack.SentAt);
        Assert.Null(after.AcknowledgedAt);
        Assert.All(after.Deadlines, d => Assert.Null(d.MetAt));
        Assert.True(after.CustomerNotReached());
        Assert.Empty(_f.Sms.Sent);

        var history = await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.DoesNotContain(history, e => e.Type == EventTypes.Notified);
        var notReached = Assert.Single(history, e => e.Type == EventTypes.NotReached);
        Assert.Equal("sms-opt-out", notReached.Data["reason"]);
        Assert.Equal(NotReached.CallTheCustomer, notReached.Data["fallback"]);
    }

    [Fact]
    public async Task An_opted_out_number_with_an_email_address_is_acknowledged_by_email_instead()
    {
        var complaint = _f.Owed(NotificationChannel.Sms);
        _f.OptedOut.Add("+8613800138000");

        await _f.Notify().HandleAsync(MessageFor(complaint), CancellationToken.None);
        var standIn = Assert.Single(_f.Queue.Notices);
        await _f.Notify().HandleAsync(standIn, CancellationToken.None);

        var after = _f.Current(complaint.Id);
        Assert.Equal([NotificationStatus.NotSent, NotificationStatus.Sent], after.Notifications.Select(n => n.Status));
        Assert.Equal(NotificationChannel.Email, after.Notifications[1].Channel);
        Assert.Single(_f.Email.Sent);
        Assert.NotNull(after.AcknowledgedAt);
        Assert.All(after.Deadlines.Where(d => d.Kind == DeadlineKinds.Acknowledge), d => Assert.NotNull(d.MetAt));
        Assert.False(after.CustomerNotReached());
    }

    [Fact]
    public async Task A_second_delivery_of_a_refused_notice_sends_nothing_and_records_nothing_more()
    {
        var complaint = _f.Owed(NotificationChannel.Sms, email: null);
        _f.OptedOut.Add("+8613800138000");

        await _f.Notify().HandleAsync(MessageFor(complaint), CancellationToken.None);
        _f.OptedOut.Clear();
        await _f.Notify().HandleAsync(MessageFor(complaint), CancellationToken.None);

        Assert.Empty(_f.Sms.Sent);
        Assert.Single(await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_permanent_provider_refusal_is_recorded_not_sent_and_a_passing_one_is_retried()
    {
        var complaint = _f.Owed(NotificationChannel.Email, phone: null);
        var notify = new NoticeFixtures.RefusingEmail(permanent: false);
        await Assert.ThrowsAsync<NoticeFixtures.RefusingEmail.Refusal>(() => _f.Notify(notify).HandleAsync(MessageFor(complaint), CancellationToken.None));
        Assert.Equal(NotificationStatus.Pending, _f.Current(complaint.Id).Notifications[0].Status);

        await _f.Notify(new NoticeFixtures.RefusingEmail(permanent: true)).HandleAsync(MessageFor(complaint), CancellationToken.None);

        var ack = _f.Current(complaint.Id).Notifications[0];
        Assert.Equal((NotificationStatus.NotSent, "sendgrid-400"), (ack.Status, ack.Reason));
        Assert.Null(_f.Current(complaint.Id).AcknowledgedAt);
    }

    [Fact]
    public async Task The_desk_flags_a_customer_not_reached_on_the_complaint_page_and_in_the_not_reached_list()
    {
        var complaint = _f.Owed(NotificationChannel.Sms, email: null);
        var reached = _f.Owed(NotificationChannel.Email);
        _f.OptedOut.Add("+8613800138000");
        await _f.Notify().HandleAsync(MessageFor(complaint), CancellationToken.None);
        await _f.Notify().HandleAsync(MessageFor(reached), CancellationToken.None);

        var found = await _f.Complaints.FindAsync(complaint.Id, CancellationToken.None);
        var view = ComplaintView.Of(found!, await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None), [], _f.Time.GetUtcNow());
        Assert.Equal(NotReached.CallTheCustomer, view.NotReached!.Next);
        Assert.Equal(["Acknowledgement by sms: sms-opt-out"], view.NotReached.Reasons);

        var entries = DeadlineEntry.For(_f.Current(complaint.Id)).Concat(DeadlineEntry.For(_f.Current(reached.Id)));
        var list = new WorkLists(new PortalOptions()).List(WorkListNames.NotReached, entries, new StaffMember("amy", "Amy", IsSupervisor: false), _f.Time.GetUtcNow(), new WorkListFilter(), WorkListSort.Deadline);
        Assert.Equal([complaint.Id], list.Select(i => i.ComplaintId));
    }
}
