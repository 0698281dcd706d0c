using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// Reaching the customer before the resolution (<see cref="CustomerContacts"/>, <see cref="ContactActions"/>): a call
/// that reached them meets the clocks met by first contact (our first response, 95598's one working day), one that did
/// not meets nothing; an interim reply meets them when Notify has sent it, once however often its message comes; a
/// form submitted twice is recorded once.
/// </summary>
public sealed class CustomerContactTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly CustomerContacts _contacts = new(new PortalOptions());

    public CustomerContactTests() => _pipeline = new InMemoryPipeline(_time);

    /// <summary>A complaint to the power line, planned by the shipped policy: our clocks and the 95598 profile's.</summary>
    private static Complaint PowerComplaint()
    {
        var complaint = OpenComplaint() with { ChannelAddress = "power@complaintflow.local", Deadlines = [] };
        return complaint with { Deadlines = new DeadlinePlanner(Rules).Plan(complaint, complaint.Triage!) };
    }

    private static Deadline Clock(Complaint complaint, string clock, string kind) =>
        complaint.Deadlines.Single(d => d.Clock == clock && d.Kind == kind);

    [Fact]
    public void A_call_that_reached_the_customer_meets_our_first_response_and_the_95598_contact_clock_and_nothing_else()
    {
        var complaint = PowerComplaint();
        var at = Received.AddHours(2);

        var change = _contacts.Record(complaint, Agent, new ContactInput("phone", "reached", "Explained the estimated reading; meter visit booked.", "k1"), at);

        var state = change.State;
        Assert.Equal(at, Clock(state, DeadlineKinds.InternalClock, DeadlineKinds.FirstResponse).MetAt);
        Assert.Equal(at, Clock(state, "power-95598", "contact").MetAt);
        Assert.Null(Clock(state, "power-95598", "reply").MetAt);
        Assert.Null(Clock(state, DeadlineKinds.InternalClock, DeadlineKinds.Resolve).MetAt);
        var contact = Assert.Single(change.Events);
        Assert.Equal((CustomerContacts.EventType, Agent.Id), (contact.Type, contact.Actor));
        Assert.Equal("phone", contact.Data["method"]);
        Assert.Equal("Explained the estimated reading; meter visit booked.", contact.Data["text"]);
        Assert.Equal(["internal/first-response", "power-95598/contact"], contact.Data["met"].Split(',').Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("phone", "no-answer")]
    [InlineData("phone", "left-message")]
    [InlineData("visit", "no-answer")]
    public void A_call_or_visit_that_did_not_reach_the_customer_is_recorded_and_meets_no_clock(string method, string outcome)
    {
        var complaint = PowerComplaint();

        var change = _contacts.Record(complaint, Agent, new ContactInput(method, outcome, "Rang twice.", "k1"), Received.AddHours(2));

        Assert.Equal(complaint.Deadlines, change.State.Deadlines);
        Assert.False(Assert.Single(change.Events).Data.ContainsKey("met"));
    }

    [Fact]
    public void A_contact_with_nothing_filled_in_is_refused_field_by_field_in_the_staff_members_language()
    {
        var chinese = Agent with { Language = SupportedLanguages.SimplifiedChinese };

        var refusal = Assert.Throws<DeskRefusal>(() => _contacts.Record(PowerComplaint(), chinese, new ContactInput("fax", null, " ", null), Received));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["idempotencyKey", "method", "outcome", "summary"], refusal.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal("请选择电话或上门。", refusal.Errors.Single(e => e.Field == "method").Message);
    }

    [Fact]
    public void An_interim_reply_by_text_needs_a_phone_number_and_a_resolved_complaint_gets_none()
    {
        var noPhone = Assert.Throws<DeskRefusal>(() => _contacts.SendInterimReply(OpenComplaint(phone: null), Agent, new InterimReplyInput("sms", "We are on it.", "k1"), Received));
        Assert.Equal("channel", Assert.Single(noPhone.Errors).Field);

        var resolved = OpenComplaint() with { Status = ComplaintStatus.Resolved };
        var closed = Assert.Throws<DeskRefusal>(() => _contacts.SendInterimReply(resolved, Agent, new InterimReplyInput("email", "We are on it.", "k1"), Received));
        Assert.Equal(RefusalKind.WrongState, closed.Kind);
    }

    private sealed record Page(string Id, string Version, string Sequence);

    private async Task<Page> OpenPageAsync(string id)
    {
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        var last = (await _pipeline.HistoryAsync(id)).Max(e => e.Sequence);
        return new Page(id, read.Version, last.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<string> AcknowledgedComplaintAsync(string language = "en", string? phone = null)
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: phone, language: language)).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        return id;
    }

    private Task<DeskActionResult> RecordCallAsync(Page page, string key) =>
        _pipeline.ContactActions.RunAsync(page.Id, key, page.Version, page.Sequence, Agent,
            (c, s, now) => _pipeline.CustomerContacts.Record(c, s, new ContactInput("phone", "reached", "Called back.", key), now), null, CancellationToken.None);

    [Fact]
    public async Task A_contact_submitted_twice_is_recorded_once_and_the_second_answer_is_the_complaint_as_saved()
    {
        var id = await AcknowledgedComplaintAsync();
        var page = await OpenPageAsync(id);

        var first = await RecordCallAsync(page, "form-1");
        var again = await RecordCallAsync(page, "form-1");

        Assert.Equal(DeskActionOutcome.Done, first.Outcome);
        Assert.Equal(DeskActionOutcome.Done, again.Outcome);
        Assert.Equal(first.Saved!.Version, again.Saved!.Version);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == CustomerContacts.EventType);

        // A different contact from the same, now stale, page is refused by the desk's version rule.
        var other = await RecordCallAsync(page, "form-2");
        Assert.Equal(DeskActionOutcome.Stale, other.Outcome);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == CustomerContacts.EventType);
    }

    [Fact]
    public async Task An_interim_reply_meets_the_first_response_when_sent_once_however_often_its_message_is_delivered()
    {
        var id = await AcknowledgedComplaintAsync(language: SupportedLanguages.SimplifiedChinese);
        var page = await OpenPageAsync(id);
        var input = new InterimReplyInput("email", "我们已安排工程师核查电表，预计周五前给您答复。", "form-1");

        var result = await _pipeline.ContactActions.RunAsync(page.Id, input.Key, page.Version, page.Sequence, Agent,
            (c, s, now) => _pipeline.CustomerContacts.SendInterimReply(c, s, input, now), null, CancellationToken.None);

        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        Assert.Null(Clock(await _pipeline.ComplaintAsync(id), DeadlineKinds.InternalClock, DeadlineKinds.FirstResponse).MetAt);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _pipeline.RunNotifyAsync(deliveries: 2);

        var interim = Assert.Single(_pipeline.Email.Sent, e => e.Tags["notificationId"].Contains("-interim-", StringComparison.Ordinal));
        Assert.Contains("我们已安排工程师核查电表，预计周五前给您答复。", interim.Text, StringComparison.Ordinal);
        Assert.EndsWith("您的投诉处理进展", interim.Subject, StringComparison.Ordinal);
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal(_time.GetUtcNow(), Clock(complaint, DeadlineKinds.InternalClock, DeadlineKinds.FirstResponse).MetAt);
        Assert.Null(Clock(complaint, DeadlineKinds.InternalClock, DeadlineKinds.Resolve).MetAt);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Notified && e.Data["kind"] == "Interim");
    }

    [Fact]
    public async Task An_interim_reply_by_text_is_the_desks_words_with_the_reference_and_status_link_exactly_as_previewed()
    {
        var id = await AcknowledgedComplaintAsync(phone: "+8613800138000");
        var page = await OpenPageAsync(id);
        var input = new InterimReplyInput("sms", "An engineer will call you tomorrow morning.", "form-1");
        var preview = _pipeline.LetterPreview.InterimReply(await _pipeline.ComplaintAsync(id), Agent, input, _time.GetUtcNow());

        await _pipeline.ContactActions.RunAsync(page.Id, input.Key, page.Version, page.Sequence, Agent,
            (c, s, now) => _pipeline.CustomerContacts.SendInterimReply(c, s, input, now), null, CancellationToken.None);
        await _pipeline.RunNotifyAsync();

        var text = Assert.Single(_pipeline.Sms.Sent, m => m.Tags["notificationId"].Contains("-interim-", StringComparison.Ordinal));
        Assert.Equal(Assert.Single(preview).Text, text.Body);
        Assert.Contains("An engineer will call you tomorrow morning.", text.Body, StringComparison.Ordinal);
        Assert.Contains(ComplaintId.ToReference(id), text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Erasing_the_complaint_removes_the_words_of_an_interim_reply_and_of_a_call()
    {
        var complaint = OpenComplaint(phone: "+8613800138000");
        var call = _contacts.Record(complaint, Agent, new ContactInput("phone", "reached", "Li Lei said her neighbour has the same fault.", "k1"), Received);
        var reply = _contacts.SendInterimReply(call.State, Agent, new InterimReplyInput("sms", "Dear Li Lei, an engineer will call.", "k2"), Received);

        var plan = ComplaintErasure.Plan(reply.State, [.. call.Events, .. reply.Events], Supervisor.Id, Received.AddDays(1))!;

        Assert.Equal(ComplaintErasure.Placeholder, plan.Change.State.Notifications.Single(n => n.Kind == NotificationKind.Interim).Data["text"]);
        Assert.All(plan.RewrittenEvents, e => Assert.Equal(ComplaintErasure.Placeholder, e.Data["text"]));
        Assert.Equal(2, plan.RewrittenEvents.Count);
    }

    [Fact]
    public async Task An_interim_reply_that_bounces_was_no_contact_its_clock_runs_again_and_it_goes_by_text_instead()
    {
        var id = await AcknowledgedComplaintAsync(phone: "+8613800138000");
        var page = await OpenPageAsync(id);
        var input = new InterimReplyInput("email", "An engineer will call you tomorrow morning.", "form-1");
        await _pipeline.ContactActions.RunAsync(page.Id, input.Key, page.Version, page.Sequence, Agent,
            (c, s, now) => _pipeline.CustomerContacts.SendInterimReply(c, s, input, now), null, CancellationToken.None);
        await _pipeline.RunNotifyAsync();
        var sent = await _pipeline.ComplaintAsync(id);
        Assert.NotNull(Clock(sent, DeadlineKinds.InternalClock, DeadlineKinds.FirstResponse).MetAt);
        var email = sent.Notifications.Single(n => n.Kind == NotificationKind.Interim);

        _time.Advance(TimeSpan.FromMinutes(5));
        await _pipeline.DeliveryReports.RecordAsync(
            new ComplaintFlow.Core.Notify.DeliveryReport { ComplaintId = id, NotificationId = email.Id, EventId = "ev-1", Outcome = ComplaintFlow.Core.Notify.DeliveryOutcome.Bounced, At = _time.GetUtcNow() },
            null, CancellationToken.None);

        var bounced = await _pipeline.ComplaintAsync(id);
        Assert.Null(Clock(bounced, DeadlineKinds.InternalClock, DeadlineKinds.FirstResponse).MetAt);
        Assert.NotNull(bounced.AcknowledgedAt); // the acknowledgement it did not touch

        await _pipeline.RunNotifyAsync();

        var text = Assert.Single(_pipeline.Sms.Sent, m => m.Tags["notificationId"].Contains("-interim-sms-", StringComparison.Ordinal));
        Assert.Contains("An engineer will call you tomorrow morning.", text.Body, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow(), Clock(await _pipeline.ComplaintAsync(id), DeadlineKinds.InternalClock, DeadlineKinds.FirstResponse).MetAt);
    }
}
