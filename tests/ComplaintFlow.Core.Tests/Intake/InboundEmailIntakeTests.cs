using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.InMemory;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// The inbound email intake (<see cref="InboundEmailIntake"/>) over the in-memory adapters: SendGrid redelivers a post
/// it got no answer for, a customer's reply may arrive twice at once, and machine or unreadable mail must never open
/// a complaint in a person's name.
/// </summary>
public sealed class InboundEmailIntakeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly InboundEmailParser Parser = new();
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public InboundEmailIntakeTests() => _pipeline = new InMemoryPipeline(_time);

    private Task<InboundEmailOutcome> DeliverAsync(SendGridPost post)
    {
        var body = post.Bytes();
        return _pipeline.EmailIntake.HandleAsync(Parser.Parse(body, post.ContentType), new RawPayload(body, post.ContentType, "multipart"), traceParent: null, CancellationToken.None);
    }

    private static SendGridPost Complaint(string messageId = "first@mail.example.cn") =>
        SendGridPost.Mail("Li Lei <li.lei@example.com>", "Broadband down", "No service since Friday and nobody answers the phone.", messageId);

    private static SendGridPost Reply(string reference, string messageId = "reply@mail.example.cn") =>
        SendGridPost.Mail("Li Lei <li.lei@example.com>", $"Re: [{reference}] We have your complaint", "The account number is 88123.", messageId);

    [Fact]
    public async Task A_new_mail_opens_a_complaint_for_its_sender_and_reaches_triage()
    {
        var outcome = await DeliverAsync(Complaint());

        Assert.Equal(InboundEmailOutcomeKind.Created, outcome.Kind);
        var complaint = Assert.Single(_pipeline.Store.All());
        Assert.Equal(complaint.Id, outcome.ComplaintId);
        Assert.Equal((Channel.Email, "li.lei@example.com", "No service since Friday and nobody answers the phone."), (complaint.Channel, complaint.Contact.Email, complaint.Text));
        Assert.NotNull(_pipeline.Raw.Read(complaint.RawPayload!));
        Assert.Equal([complaint.Id], _pipeline.Queue.Peek<IntakeMessage>(QueueNames.Intake).Select(m => m.ComplaintId));
    }

    [Fact]
    public async Task A_mail_delivered_twice_is_one_complaint_acknowledged_once()
    {
        var first = await DeliverAsync(Complaint());
        await _pipeline.RunTriageAsync();
        var again = await DeliverAsync(Complaint());
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        Assert.Equal(InboundEmailOutcomeKind.Duplicate, again.Kind);
        Assert.Equal(first.ComplaintId, again.ComplaintId);
        Assert.Single(_pipeline.Store.All());
        Assert.Single(await _pipeline.HistoryAsync(first.ComplaintId!), e => e.Type == EventTypes.Received);
        Assert.Single(_pipeline.Email.Sent);
    }

    [Fact]
    public async Task A_reply_is_appended_once_and_resumes_a_complaint_waiting_on_the_customer()
    {
        var id = (await DeliverAsync(Complaint())).ComplaintId!;
        await _pipeline.RunTriageAsync();
        await _pipeline.Complaints.UpdateAsync(id, c => _pipeline.Desk.WaitOnCustomer(c, new("amy@desk.example", "Amy", false), "Need the account number", _time.GetUtcNow()), CancellationToken.None);
        var paused = await _pipeline.ComplaintAsync(id);
        var dueBefore = paused.Deadlines.Single(d => d.Kind == DeadlineKinds.Resolve && d.Clock == DeadlineKinds.InternalClock).DueAt;
        _time.Advance(TimeSpan.FromDays(2));

        var appended = await DeliverAsync(Reply(paused.Reference));
        var again = await DeliverAsync(Reply(paused.Reference));

        Assert.Equal((InboundEmailOutcomeKind.Appended, id), (appended.Kind, appended.ComplaintId));
        Assert.Equal(InboundEmailOutcomeKind.Duplicate, again.Kind);
        var resumed = await _pipeline.ComplaintAsync(id);
        Assert.Equal("The account number is 88123.", Assert.Single(resumed.Replies).Text);
        Assert.Equal(ComplaintStatus.Open, resumed.Status);
        Assert.True(resumed.Deadlines.Single(d => d.Kind == DeadlineKinds.Resolve && d.Clock == DeadlineKinds.InternalClock).DueAt > dueBefore);
        var history = await _pipeline.HistoryAsync(id);
        Assert.Single(history, e => e.Type == EventTypes.CustomerReply);
        Assert.Single(history, e => e.Type == EventTypes.Resumed);
        Assert.Single(_pipeline.Store.All());
    }

    [Fact]
    public async Task Two_deliveries_of_the_same_reply_at_once_append_it_once()
    {
        var id = (await DeliverAsync(Complaint())).ComplaintId!;
        var reference = (await _pipeline.ComplaintAsync(id)).Reference;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => DeliverAsync(Reply(reference)))));

        Assert.Single(outcomes, o => o.Kind == InboundEmailOutcomeKind.Appended);
        Assert.All(outcomes, o => Assert.Equal(id, o.ComplaintId));
        Assert.Single((await _pipeline.ComplaintAsync(id)).Replies);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.CustomerReply);
    }

    [Fact]
    public async Task An_auto_reply_is_kept_but_opens_no_complaint_and_is_never_answered()
    {
        var outcome = await DeliverAsync(SendGridPost.Mail("Li Lei <li.lei@example.com>", "Out of office", "I am away until Monday.", "ooo@mail.example.cn", "Auto-Submitted: auto-replied"));
        await _pipeline.RunNotifyAsync();

        Assert.Equal(InboundEmailOutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(_pipeline.Store.All());
        Assert.Empty(_pipeline.Quarantine.Held);
        Assert.Empty(_pipeline.Email.Sent);
        Assert.Single(_pipeline.Raw.Names, n => n.StartsWith("email/ignored/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mail_with_nothing_readable_is_held_in_quarantine_as_received_and_opens_nothing()
    {
        var post = SendGridPost.Mail("Li Lei <li.lei@example.com>", "", "", "empty@mail.example.cn");

        var outcome = await DeliverAsync(post);

        Assert.Equal((InboundEmailOutcomeKind.Quarantined, QuarantineReasons.InvalidSubmission), (outcome.Kind, outcome.Reason));
        var held = Assert.Single(_pipeline.Quarantine.Held);
        Assert.Equal(("email", QuarantineReasons.InvalidSubmission), (held.Channel, held.Reason));
        Assert.Equal(post.Bytes(), _pipeline.Quarantine.Content(held));
        Assert.Empty(_pipeline.Store.All());
        Assert.Equal(0, _pipeline.Queue.Count(QueueNames.Intake));
    }
}
