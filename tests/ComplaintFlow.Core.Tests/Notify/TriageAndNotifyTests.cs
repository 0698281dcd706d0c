using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// Triage and Notify over the in-memory adapters: every queue message may arrive twice, at the same time, or after a
/// crash, and the customer still gets exactly one acknowledgement and one scoring.
/// </summary>
public sealed class TriageAndNotifyTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public TriageAndNotifyTests() => _pipeline = new InMemoryPipeline(_time);

    [Fact]
    public async Task Every_message_delivered_twice_still_scores_once_and_acknowledges_once()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice and nobody answers the phone.")).Complaint.Id;

        await _pipeline.RunTriageAsync(deliveries: 2);
        await _pipeline.RunNotifyAsync(deliveries: 2);

        var history = await _pipeline.HistoryAsync(id);
        Assert.Single(history, e => e.Type == EventTypes.Scored);
        Assert.Single(history, e => e.Type == EventTypes.Notified);
        var email = Assert.Single(_pipeline.Email.Sent);
        Assert.Equal("li.lei@example.com", email.To);
        Assert.Equal(id, email.Tags["complaintId"]);
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
        Assert.Equal(Monday, complaint.AcknowledgedAt);
    }

    [Fact]
    public async Task Deliveries_of_one_notice_at_the_same_instant_send_one_email()
    {
        // The clock stands still: every delivery claims at the same instant, so only the claim's token tells them apart.
        for (var i = 0; i < 20; i++)
        {
            await _pipeline.SubmitAsync($"key-{i}", $"Complaint {i}: my bill doubled without notice.");
        }

        await _pipeline.RunTriageAsync();
        var messages = _pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications);
        Assert.Equal(20, messages.Count);

        await Task.WhenAll(messages.SelectMany(m => Enumerable.Range(0, 4).Select(_ => Task.Run(() => _pipeline.Notify.HandleAsync(m, CancellationToken.None)))));

        Assert.Equal(20, _pipeline.Email.Sent.Count);
        Assert.Equal(20, _pipeline.Email.Sent.Select(e => e.Tags["notificationId"]).Distinct().Count());
        foreach (var message in messages)
        {
            Assert.Single(await _pipeline.HistoryAsync(message.ComplaintId), e => e.Type == EventTypes.Notified);
        }
    }

    [Fact]
    public async Task A_provider_failure_leaves_the_notice_pending_and_the_clock_open_until_a_retry_sends_it()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        _pipeline.Email.FailNext(new HttpRequestException("503 from the provider"));

        await Assert.ThrowsAsync<AggregateException>(() => _pipeline.RunNotifyAsync());

        var waiting = await _pipeline.ComplaintAsync(id);
        Assert.Equal(NotificationStatus.Pending, Assert.Single(waiting.Notifications).Status);
        Assert.Null(waiting.AcknowledgedAt);
        Assert.Null(waiting.Deadlines.Single(d => d.Kind == DeadlineKinds.Acknowledge && d.Clock == DeadlineKinds.InternalClock).MetAt);
        Assert.Empty(_pipeline.Email.Sent);

        // The queue delivers the same message again: this time the provider takes it.
        _time.Advance(TimeSpan.FromSeconds(30));
        await _pipeline.RunNotifyAsync();

        var sent = await _pipeline.ComplaintAsync(id);
        Assert.Single(_pipeline.Email.Sent);
        Assert.Equal(Monday.AddSeconds(30), sent.AcknowledgedAt);
        Assert.Equal(Monday.AddSeconds(30), sent.Deadlines.Single(d => d.Kind == DeadlineKinds.Acknowledge && d.Clock == DeadlineKinds.InternalClock).MetAt);
    }

    [Fact]
    public async Task A_notice_claimed_by_a_sender_that_died_is_sent_once_its_claim_lapses()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        var message = Assert.Single(_pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications));
        // A delivery claimed the notice and died before sending (the claim is written, nothing went out).
        await _pipeline.Complaints.UpdateAsync(id, c => c.Change(Monday).Apply(x => x with
        {
            Notifications = [.. x.Notifications.Select(n => n with { Status = NotificationStatus.Sending, ClaimedAt = Monday })],
        }), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));

        await _pipeline.RunNotifyAsync();

        // Nothing sent while the claim holds; the message comes back when it lapses instead of failing toward poison.
        Assert.Empty(_pipeline.Email.Sent);
        var retry = Assert.Single(_pipeline.Queue.Waiting(QueueNames.Notifications));
        Assert.Equal(Monday + _pipeline.NotifyOptions.ClaimLease, retry.VisibleAt);

        _time.SetUtcNow(retry.VisibleAt);
        await _pipeline.RunNotifyAsync();

        Assert.Single(_pipeline.Email.Sent);
        Assert.Equal(message.NotificationId, Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Notified).Data["notificationId"]);
    }

    [Fact]
    public async Task Storage_down_just_after_the_provider_took_the_email_delays_the_record_but_sends_once()
    {
        var time = new TimerCountingTime(Monday);
        var pipeline = new InMemoryPipeline(time);
        var id = (await pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await pipeline.RunTriageAsync();
        var message = Assert.Single(pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications));
        // Storage goes away between the provider taking the acknowledgement and our record of it.
        pipeline.Email.Accepted = _ => pipeline.Store.BeUnreachable(3);

        await time.WhileWaitingAsync(pipeline.RunNotifyAsync());

        var complaint = await pipeline.ComplaintAsync(id);
        Assert.Equal(NotificationStatus.Sent, Assert.Single(complaint.Notifications).Status);
        Assert.InRange(complaint.AcknowledgedAt!.Value, Monday, Monday + pipeline.NotifyOptions.ClaimLease);

        // The queue delivers the message again after the claim would have lapsed: nothing goes out twice.
        time.Advance(pipeline.NotifyOptions.ClaimLease);
        await pipeline.Notify.HandleAsync(message, CancellationToken.None);
        Assert.Single(pipeline.Email.Sent);
        Assert.Single(await pipeline.HistoryAsync(id), e => e.Type == EventTypes.Notified);
    }

    [Fact]
    public async Task Storage_down_for_longer_than_the_claim_gives_the_record_up_when_the_claim_lapses()
    {
        var time = new TimerCountingTime(Monday);
        var pipeline = new InMemoryPipeline(time);
        await pipeline.SubmitAsync("key-1", "My bill doubled without notice.");
        await pipeline.RunTriageAsync();
        pipeline.Email.Accepted = _ => pipeline.Store.BeUnreachable(int.MaxValue);
        var lapses = Monday + pipeline.NotifyOptions.ClaimLease;

        // The handler does not hang on for ever: it fails once a redelivery could take the claim over, and not before.
        await Assert.ThrowsAsync<AggregateException>(() => time.WhileWaitingAsync(pipeline.RunNotifyAsync()));
        Assert.InRange(time.GetUtcNow(), lapses - TimeSpan.FromSeconds(8), lapses);
        Assert.True(time.Waits > 10, $"retried {time.Waits} times");
    }

    [Fact]
    public async Task A_scoring_whose_answer_was_lost_is_not_scored_again()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        _pipeline.Store.LoseAnswers(1);

        // The first delivery's save went through but reported a conflict: the retry decides against what is stored.
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Scored);
        Assert.Single(_pipeline.Email.Sent);
    }

    [Fact]
    public async Task A_second_complaint_from_the_same_customer_by_another_channel_counts_as_a_repeat()
    {
        await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", email: "li.lei@example.com", phone: "+8613800138000");
        await _pipeline.RunTriageAsync();
        _time.Advance(TimeSpan.FromDays(2));
        var second = (await _pipeline.SubmitAsync("key-2", "Still wrong, second time I write.", email: null, phone: "+86 138 0013 8000")).Complaint.Id;

        await _pipeline.RunTriageAsync(deliveries: 2);

        // Found by the phone number however it was written, and counted once though Triage ran twice.
        Assert.Contains((await _pipeline.ComplaintAsync(second)).Triage!.Reasons, r => r.Description.Contains("(2nd in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sweep_run_twice_at_the_warning_point_warns_once()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        // The acknowledgement never went out (the provider is down): its clock runs toward its warning point.
        var acknowledge = (await _pipeline.ComplaintAsync(id)).Deadlines.Single(d => d.Kind == DeadlineKinds.Acknowledge && d.Clock == DeadlineKinds.InternalClock);
        _time.SetUtcNow(new DeadlineSweepPolicy(_pipeline.DeadlineOptions, _pipeline.Rules).WarningAt(acknowledge));

        var first = await _pipeline.Sweep.RunAsync(CancellationToken.None);
        var second = await _pipeline.Sweep.RunAsync(CancellationToken.None);

        // Every clock at its warning point is warned about once (the acknowledgement clock and any that share its
        // warning time), and a second sweep finds nothing left to do.
        Assert.Contains(first.Warned, new[] { 1, 2, 3 });
        Assert.Equal(0, second.Warned);
        var warned = (await _pipeline.HistoryAsync(id)).Where(e => e.Type == EventTypes.Warned).ToList();
        Assert.Equal(first.Warned, warned.Count);
        Assert.Contains(warned, e => e.Data["deadline"] == DeadlineKinds.Acknowledge && e.Data["clock"] == DeadlineKinds.InternalClock);
        var alerts = (await _pipeline.ComplaintAsync(id)).Notifications.Where(n => n.Kind == NotificationKind.StaffAlert).Select(n => n.Id).Order();
        Assert.Equal(alerts, _pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications).Select(m => m.NotificationId).Where(alerts.Contains).Order());
        Assert.Equal(first.Warned, alerts.Count());
    }

    /// <summary>A fake clock that knows when the code under test starts waiting on it, and then moves on to the wait's end.</summary>
    private sealed class TimerCountingTime(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int Waits => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }

        /// <summary>Each time <paramref name="task"/> waits on this clock, moves the clock to the end of that wait.</summary>
        public async Task WhileWaitingAsync(Task task)
        {
            var seen = 0;
            while (!task.IsCompleted)
            {
                if (Waits == seen)
                {
                    await Task.Yield();
                    continue;
                }

                seen = Waits;
                Advance(TimeSpan.FromSeconds(4));
            }

            await task;
        }
    }
}
