using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing.InMemory;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>
/// A customer's later message is read by the triage rules: one that tells us a person is at risk raises the
/// complaint's priority and plans the desk's clocks again, within the hour of the message; the law's clocks stay.
/// </summary>
public sealed class ReplyTriageTests
{
    // Monday 2 March 2026, 09:30 in Beijing.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly InboundEmailParser Parser = new();
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public ReplyTriageTests() => _pipeline = new InMemoryPipeline(_time);

    private const string MeterComplaint = "The meter reading on my last bill is wrong.";
    private const string OxygenReply = "The power has been cut off and my father's oxygen concentrator has stopped.";

    private Task<InboundEmailOutcome> DeliverAsync(SendGridPost post)
    {
        var body = post.Bytes();
        return _pipeline.EmailIntake.HandleAsync(Parser.Parse(body, post.ContentType), new RawPayload(body, post.ContentType, "multipart"), traceParent: null, CancellationToken.None);
    }

    private static SendGridPost Mail(string subject, string text, string messageId) =>
        SendGridPost.Mail("Li Lei <li.lei@example.com>", subject, text, messageId);

    private async Task<Complaint> AcknowledgedAsync(string text)
    {
        var id = (await DeliverAsync(Mail("Meter reading", text, "first@mail.example.cn"))).ComplaintId!;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        return await _pipeline.ComplaintAsync(id);
    }

    private static Deadline Internal(Complaint complaint, string kind) =>
        complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == kind);

    [Fact]
    public async Task A_reply_that_adds_a_safety_threat_raises_the_complaint_to_P1_with_a_person_due_within_the_hour_of_the_reply()
    {
        var before = await AcknowledgedAsync(MeterComplaint);
        Assert.True(before.Triage!.Priority > Priority.P1, $"the meter complaint alone is {before.Triage.Priority}");
        var statutoryBefore = before.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock).ToList();
        Assert.Contains(statutoryBefore, d => d.Clock == "power-95598");
        // Two and a half days later (Wednesday 22:00 in Beijing, out of hours): the P1 hour from receipt is long past.
        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(12.5));
        var replyAt = _time.GetUtcNow();

        var outcome = await DeliverAsync(Mail($"Re: [{before.Reference}] We have received your complaint", OxygenReply, "reply-1@mail.example.cn"));

        Assert.Equal(InboundEmailOutcomeKind.Appended, outcome.Kind);
        var after = await _pipeline.ComplaintAsync(before.Id);
        Assert.Equal(Priority.P1, after.Triage!.Priority);
        Assert.True(after.Triage.Safeguarding);
        var firstContact = Internal(after, DeadlineKinds.FirstResponse);
        Assert.Equal(replyAt.AddHours(1), firstContact.DueAt);
        Assert.True(Internal(after, DeadlineKinds.Resolve).DueAt <= replyAt.AddHours(24));
        Assert.Equal(statutoryBefore, after.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock));
        var raised = Assert.Single(await _pipeline.HistoryAsync(before.Id), e => e.Type == EventTypes.PriorityChanged);
        Assert.Equal(Actors.System, raised.Actor);
        Assert.Equal(PriorityTriggers.CustomerReply, raised.Data["trigger"]);
        Assert.Equal((before.Triage.Priority.ToString(), "P1"), (raised.Data["from"], raised.Data["to"]));
        Assert.StartsWith("P1 because:", raised.Data["reason"], StringComparison.Ordinal);
        Assert.Contains("internal:first-response", raised.Data.Keys);
    }

    [Fact]
    public async Task The_same_reply_delivered_again_raises_the_priority_once()
    {
        var before = await AcknowledgedAsync(MeterComplaint);
        _time.Advance(TimeSpan.FromHours(2));
        var reply = Mail($"Re: [{before.Reference}] We have received your complaint", OxygenReply, "reply-1@mail.example.cn");

        await DeliverAsync(reply);
        var once = await _pipeline.ComplaintAsync(before.Id);
        _time.Advance(TimeSpan.FromMinutes(30));
        var again = await DeliverAsync(reply);

        Assert.Equal(InboundEmailOutcomeKind.Duplicate, again.Kind);
        Assert.Equal(once.Deadlines, (await _pipeline.ComplaintAsync(before.Id)).Deadlines);
        Assert.Single(await _pipeline.HistoryAsync(before.Id), e => e.Type == EventTypes.PriorityChanged);
    }

    [Fact]
    public async Task A_reply_that_adds_no_risk_leaves_the_priority_and_clocks_alone()
    {
        var before = await AcknowledgedAsync(MeterComplaint);
        _time.Advance(TimeSpan.FromHours(5));

        await DeliverAsync(Mail($"Re: [{before.Reference}] We have received your complaint", "My account number is 88123.", "reply-2@mail.example.cn"));

        var after = await _pipeline.ComplaintAsync(before.Id);
        Assert.Equal(before.Triage!.Priority, after.Triage!.Priority);
        Assert.Equal(before.Deadlines, after.Deadlines);
        Assert.DoesNotContain(await _pipeline.HistoryAsync(before.Id), e => e.Type == EventTypes.PriorityChanged);
    }

    [Fact]
    public async Task A_calm_reply_to_a_P1_never_lowers_it()
    {
        var before = await AcknowledgedAsync(OxygenReply);
        Assert.Equal(Priority.P1, before.Triage!.Priority);
        _time.Advance(TimeSpan.FromMinutes(10));

        await DeliverAsync(Mail($"Re: [{before.Reference}] We have received your complaint", "Thank you, my account number is 88123.", "reply-3@mail.example.cn"));

        var after = await _pipeline.ComplaintAsync(before.Id);
        Assert.Equal(Priority.P1, after.Triage!.Priority);
        Assert.Equal(Internal(before, DeadlineKinds.FirstResponse).DueAt, Internal(after, DeadlineKinds.FirstResponse).DueAt);
    }

    [Fact]
    public async Task A_second_text_in_Chinese_that_adds_a_safety_threat_raises_the_priority_after_triage()
    {
        var first = await TextAsync("SM001", "电表读数不对，账单多收了钱。");
        await _pipeline.RunTriageAsync();
        var before = await _pipeline.ComplaintAsync(first.ComplaintId!);
        Assert.True(before.Triage!.Priority > Priority.P1, $"the meter text alone is {before.Triage.Priority}");
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = await TextAsync("SM002", "现在停电了，家里老人用制氧机");

        Assert.Equal((InboundSmsOutcomeKind.Appended, before.Id), (second.Kind, second.ComplaintId));
        var after = await _pipeline.ComplaintAsync(before.Id);
        Assert.Equal(Priority.P1, after.Triage!.Priority);
        Assert.Equal(before.ReceivedAt.AddHours(1), Internal(after, DeadlineKinds.FirstResponse).DueAt);
        Assert.Equal(PriorityTriggers.CustomerReply, Assert.Single(await _pipeline.HistoryAsync(before.Id), e => e.Type == EventTypes.PriorityChanged).Data["trigger"]);
    }

    [Fact]
    public async Task A_second_text_that_arrives_before_triage_counts_at_triage()
    {
        var first = await TextAsync("SM001", "电表读数不对，账单多收了钱。");
        _time.Advance(TimeSpan.FromMinutes(2));
        await TextAsync("SM002", "现在停电了，家里老人用制氧机");

        await _pipeline.RunTriageAsync();

        var complaint = await _pipeline.ComplaintAsync(first.ComplaintId!);
        Assert.Equal(Priority.P1, complaint.Triage!.Priority);
        Assert.True(complaint.Triage.Safeguarding);
        Assert.Equal(complaint.ReceivedAt.AddHours(1), Internal(complaint, DeadlineKinds.FirstResponse).DueAt);
    }

    private Task<InboundSmsOutcome> TextAsync(string messageSid, string body) => _pipeline.TextAsync(messageSid, body, "+8613800138000");
}
