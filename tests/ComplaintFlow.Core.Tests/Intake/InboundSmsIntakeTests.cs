using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// The inbound SMS intake (<see cref="InboundSmsIntake"/>) over the in-memory adapters: a long story arrives as several
/// texts at once, Twilio redelivers a webhook it got no answer for, and a number that texted STOP is never texted.
/// </summary>
public sealed class InboundSmsIntakeTests
{
    private const string Customer = "+8613800138000";
    private const string Stranger = "+8613900139000";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly StaffMember Agent = new("amy@desk.example", "Amy", IsSupervisor: false);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public InboundSmsIntakeTests() => _pipeline = new InMemoryPipeline(_time);

    private Task<InboundSmsOutcome> TextAsync(string messageSid, string body, string from = Customer) =>
        _pipeline.TextAsync(messageSid, body, from);

    [Fact]
    public async Task A_text_opens_a_complaint_and_a_follow_up_within_the_join_window_joins_it()
    {
        var first = await TextAsync("SM001", "My broadband has been down since Friday.");
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await TextAsync("SM002", "And nobody answers the phone.");

        Assert.Equal(InboundSmsOutcomeKind.Created, first.Kind);
        Assert.Equal((InboundSmsOutcomeKind.Appended, first.ComplaintId), (second.Kind, second.ComplaintId));
        var complaint = Assert.Single(_pipeline.Store.All());
        Assert.Equal(Customer, complaint.Contact.Phone);
        Assert.Equal("And nobody answers the phone.", Assert.Single(complaint.Replies).Text);
        Assert.Equal(new SmsThread(complaint.Id, Monday.AddMinutes(5)), _pipeline.SmsThreads.Of(Customer));
    }

    [Fact]
    public async Task A_text_after_the_join_window_opens_a_new_complaint()
    {
        var first = await TextAsync("SM001", "My broadband has been down since Friday.");
        _time.Advance(_pipeline.SmsOptions.JoinWindow + TimeSpan.FromMinutes(1));
        var later = await TextAsync("SM002", "Now my landline is dead too.");

        Assert.Equal(InboundSmsOutcomeKind.Created, later.Kind);
        Assert.NotEqual(first.ComplaintId, later.ComplaintId);
        Assert.Equal(2, _pipeline.Store.All().Count);
        Assert.Equal(later.ComplaintId, _pipeline.SmsThreads.Of(Customer)!.ComplaintId);
    }

    [Fact]
    public async Task Parts_of_one_story_arriving_at_once_make_one_complaint_holding_every_part()
    {
        var parts = Enumerable.Range(1, 4).Select(i => $"SM00{i}").ToList();
        var race = Task.WhenAll(parts.Select(sid => Task.Run(() => TextAsync(sid, $"Part {sid}: my broadband has been down since Friday."))));
        // A part that finds the thread claimed waits (on the clock) for the complaint its claimer is opening: the
        // clock moves only once that complaint exists, so no part gives up waiting before it could see it.
        while (!race.IsCompleted)
        {
            if (_pipeline.Store.All().Count > 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
            }

            await Task.Yield();
        }

        var outcomes = await race;
        var created = Assert.Single(outcomes, o => o.Kind == InboundSmsOutcomeKind.Created);
        Assert.Equal(3, outcomes.Count(o => o.Kind == InboundSmsOutcomeKind.Appended));
        var complaint = Assert.Single(_pipeline.Store.All());
        Assert.Equal(created.ComplaintId, complaint.Id);
        Assert.Equal(parts.Order(), complaint.Replies.Select(r => r.MessageId).Append(complaint.SourceMessageId).Order());
    }

    [Fact]
    public async Task A_redelivered_webhook_is_one_complaint_sent_to_triage_once()
    {
        var first = await TextAsync("SM001", "My broadband has been down since Friday.");
        await _pipeline.RunTriageAsync();
        var again = await TextAsync("SM001", "My broadband has been down since Friday.");

        Assert.Equal((InboundSmsOutcomeKind.Duplicate, first.ComplaintId), (again.Kind, again.ComplaintId));
        Assert.Single(_pipeline.Store.All());
        Assert.Equal(0, _pipeline.Queue.Count(QueueNames.Intake));
        Assert.Single(await _pipeline.HistoryAsync(first.ComplaintId!), e => e.Type == EventTypes.Received);
    }

    [Fact]
    public async Task An_empty_text_is_kept_but_makes_no_complaint()
    {
        var outcome = await TextAsync("SM001", "  ");

        Assert.Equal(InboundSmsOutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(_pipeline.Store.All());
        Assert.Single(_pipeline.Raw.Names, n => n.StartsWith("sms/ignored/", StringComparison.Ordinal));
        Assert.Null(_pipeline.SmsThreads.Of(Customer));
    }

    [Fact]
    public async Task A_reference_texted_from_the_customers_own_number_appends_even_after_the_join_window()
    {
        var id = (await TextAsync("SM001", "My broadband has been down since Friday.")).ComplaintId!;
        _time.Advance(TimeSpan.FromDays(1));

        var outcome = await TextAsync("SM002", $"About {ComplaintId.ToReference(id)}: still down.");

        Assert.Equal((InboundSmsOutcomeKind.Appended, id), (outcome.Kind, outcome.ComplaintId));
        Assert.Single(_pipeline.Store.All());
        Assert.Single((await _pipeline.ComplaintAsync(id)).Replies);
    }

    [Fact]
    public async Task A_reference_texted_from_another_number_is_held_for_staff_and_changes_nothing()
    {
        var id = (await TextAsync("SM001", "My broadband has been down since Friday.")).ComplaintId!;
        var before = _pipeline.Store.Writes;

        var outcome = await TextAsync("SM002", $"About {ComplaintId.ToReference(id)}: please call me instead.", from: Stranger);

        Assert.Equal(InboundSmsOutcomeKind.Quarantined, outcome.Kind);
        var held = Assert.Single(_pipeline.Quarantine.Held);
        Assert.Equal(("sms", QuarantineReasons.ReferenceFromOtherNumber), (held.Channel, held.Reason));
        Assert.Equal(before, _pipeline.Store.Writes);
        Assert.Empty((await _pipeline.ComplaintAsync(id)).Replies);
        Assert.Null(_pipeline.SmsThreads.Of(Stranger));
    }

    [Fact]
    public async Task After_STOP_the_resolution_is_recorded_not_sent_and_START_lets_texts_through_again()
    {
        var id = (await TextAsync("SM001", "My broadband has been down since Friday.")).ComplaintId!;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        Assert.Single(_pipeline.Sms.Sent);

        var stop = await TextAsync("SM002", "STOP");
        var resolved = await _pipeline.DeskActions.RunAsync(id, (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!.Version, null, Agent,
            (c, s, now) => _pipeline.Desk.Resolve(c, s, new ResolutionInput("We fixed the line.", "our-error", null), "tok", now), null, CancellationToken.None);
        await _pipeline.RunNotifyAsync();

        Assert.Equal(InboundSmsOutcomeKind.OptedOut, stop.Kind);
        Assert.True(await _pipeline.SmsOptOuts.IsOptedOutAsync(Customer, CancellationToken.None));
        Assert.Equal(DeskActionOutcome.Done, resolved.Outcome);
        Assert.Single(_pipeline.Sms.Sent);
        var resolution = (await _pipeline.ComplaintAsync(id)).Notifications.Single(n => n.Kind == NotificationKind.Resolution);
        Assert.Equal((NotificationStatus.NotSent, "sms-opt-out"), (resolution.Status, resolution.Reason));
        Assert.Single(_pipeline.Store.All());

        var start = await TextAsync("SM003", "START");

        Assert.Equal(InboundSmsOutcomeKind.OptedIn, start.Kind);
        Assert.False(await _pipeline.SmsOptOuts.IsOptedOutAsync(Customer, CancellationToken.None));
        Assert.Single(_pipeline.Store.All());
    }
}
