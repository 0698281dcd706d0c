using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The desk's save rules (<see cref="DeskActions"/>) over the in-memory adapters: a member of staff acts on the page they
/// saw, so a colleague's change since makes the page stale while the system's own bookkeeping does not, and nothing
/// refused is ever saved.
/// </summary>
public sealed class DeskActionsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public DeskActionsTests() => _pipeline = new InMemoryPipeline(_time);

    /// <summary>A page as the portal reads it: the version (If-Match) and the last event shown (X-Seen-Sequence).</summary>
    private sealed record Page(string Id, string Version, string Sequence);

    private async Task<Page> OpenPageAsync(string id)
    {
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        var last = (await _pipeline.HistoryAsync(id)).Max(e => e.Sequence);
        return new Page(id, read.Version, last.ToString(CultureInfo.InvariantCulture));
    }

    private Task<DeskActionResult> ActAsync(Page page, StaffMember staff, Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange> decide) =>
        _pipeline.DeskActions.RunAsync(page.Id, page.Version, page.Sequence, staff, decide, null, CancellationToken.None);

    private async Task<string> TriagedComplaintAsync()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        return id;
    }

    private Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange> Note(string text) => (c, s, now) => _pipeline.Desk.AddNote(c, s, text, now);

    [Fact]
    public async Task A_page_a_colleague_changed_since_is_refused_naming_them_and_nothing_is_saved()
    {
        var id = await TriagedComplaintAsync();
        var amysPage = await OpenPageAsync(id);
        var bosPage = await OpenPageAsync(id);
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(DeskActionOutcome.Done, (await ActAsync(amysPage, DeskFixtures.Agent, (c, s, now) => _pipeline.Desk.Claim(c, s, now))).Outcome);
        var writes = _pipeline.Store.Writes;

        var result = await ActAsync(bosPage, DeskFixtures.OtherAgent, Note("Called the customer."));

        Assert.Equal(DeskActionOutcome.Stale, result.Outcome);
        Assert.Contains(DeskFixtures.Agent.Id, result.ChangedBy, StringComparison.Ordinal);
        Assert.Equal(writes, _pipeline.Store.Writes);
        Assert.DoesNotContain(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Note);
    }

    [Fact]
    public async Task A_stale_page_names_the_colleague_even_when_the_system_wrote_after_them()
    {
        var id = await TriagedComplaintAsync();
        var bosPage = await OpenPageAsync(id);
        var amysPage = await OpenPageAsync(id);
        await ActAsync(amysPage, DeskFixtures.Agent, (c, s, now) => _pipeline.Desk.Resolve(c, s, new ResolutionInput("We refunded you.", "our-error", null), "tok", now));
        _time.Advance(TimeSpan.FromMinutes(1));
        await _pipeline.RunNotifyAsync(); // the system records the resolution and survey as sent

        var result = await ActAsync(bosPage, DeskFixtures.OtherAgent, Note("Called the customer."));

        Assert.Equal(DeskActionOutcome.Stale, result.Outcome);
        Assert.StartsWith(DeskFixtures.Agent.Id + " (" + EventTypes.Resolved, result.ChangedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_systems_own_changes_since_the_page_was_read_do_not_make_it_stale()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        var page = await OpenPageAsync(id);
        await _pipeline.RunNotifyAsync(); // the acknowledgement is sent and recorded after the page was read

        var result = await ActAsync(page, DeskFixtures.Agent, Note("Called the customer."));

        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.NotNull(complaint.AcknowledgedAt);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Note && e.Actor == DeskFixtures.Agent.Id);
    }

    [Fact]
    public async Task A_page_that_does_not_say_what_it_showed_is_stale_once_anything_changed()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        var page = await OpenPageAsync(id) with { Sequence = null! };
        await _pipeline.RunNotifyAsync();

        var result = await _pipeline.DeskActions.RunAsync(page.Id, page.Version, null, DeskFixtures.Agent, Note("Called."), null, CancellationToken.None);

        Assert.Equal(DeskActionOutcome.Stale, result.Outcome);
    }

    [Fact]
    public async Task A_refused_action_saves_nothing_and_says_why()
    {
        var id = await TriagedComplaintAsync();
        var page = await OpenPageAsync(id);
        var writes = _pipeline.Store.Writes;

        var result = await ActAsync(page, DeskFixtures.Agent, Note("   "));

        Assert.Equal(DeskActionOutcome.Refused, result.Outcome);
        Assert.Equal("text", Assert.Single(result.Refusal!.Errors).Field);
        Assert.Equal(writes, _pipeline.Store.Writes);
        Assert.Equal(page.Version, (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_colleague_saving_at_the_same_moment_makes_the_action_stale_and_only_their_change_is_kept()
    {
        var id = await TriagedComplaintAsync();
        var page = await OpenPageAsync(id);

        // Bo saves while Amy's action is being decided: Amy's save then meets a version that moved on.
        var result = await ActAsync(page, DeskFixtures.Agent, (c, s, now) =>
        {
            Task.Run(() => _pipeline.Complaints.UpdateAsync(id, x => _pipeline.Desk.AddNote(x, DeskFixtures.OtherAgent, "Bo's note", now), CancellationToken.None)).GetAwaiter().GetResult();
            return _pipeline.Desk.AddNote(c, s, "Amy's note", now);
        });

        Assert.Equal(DeskActionOutcome.Stale, result.Outcome);
        Assert.Contains(DeskFixtures.OtherAgent.Id, result.ChangedBy, StringComparison.Ordinal);
        var notes = (await _pipeline.HistoryAsync(id)).Where(e => e.Type == EventTypes.Note).ToList();
        Assert.Equal(DeskFixtures.OtherAgent.Id, Assert.Single(notes).Actor);
    }

    [Fact]
    public async Task The_system_saving_at_the_same_moment_does_not_make_the_action_stale_and_both_changes_are_kept()
    {
        var id = await TriagedComplaintAsync();
        var page = await OpenPageAsync(id);
        var decided = 0;

        // Notify records a delivery report while Amy's note is being decided (the browser test's flake: a note refused
        // as stale, blaming the customer's "received", because a notice was marked sent at that moment).
        var result = await ActAsync(page, DeskFixtures.Agent, (c, s, now) =>
        {
            if (decided++ == 0)
            {
                Task.Run(() => _pipeline.Complaints.UpdateAsync(id, x => x.Change(now).Record(EventTypes.Delivery, Actors.System, new Dictionary<string, string> { ["outcome"] = "delivered" }), CancellationToken.None)).GetAwaiter().GetResult();
            }

            return _pipeline.Desk.AddNote(c, s, "Amy's note", now);
        });

        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        Assert.Equal(2, decided);
        var history = await _pipeline.HistoryAsync(id);
        Assert.Equal(DeskFixtures.Agent.Id, Assert.Single(history, e => e.Type == EventTypes.Note).Actor);
        Assert.Single(history, e => e.Type == EventTypes.Delivery);
    }

    [Fact]
    public async Task Resolving_queues_the_resolution_once_and_requeues_a_notice_an_earlier_failed_send_left_pending()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        // The acknowledgement's sends all failed and the queue gave its message up (poison): the notice stays pending.
        _pipeline.Email.FailNext(new HttpRequestException("503 from the provider"));
        await _pipeline.Queue.DeliverAsync<NotificationMessage>(QueueNames.Notifications, async m =>
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => _pipeline.Notify.HandleAsync(m, CancellationToken.None));
        });
        Assert.Equal(0, _pipeline.Queue.Count(QueueNames.Notifications));
        var page = await OpenPageAsync(id);

        var result = await ActAsync(page, DeskFixtures.Agent, (c, s, now) => _pipeline.Desk.Resolve(c, s, new ResolutionInput("We refunded you.", "our-error", null), "tok", now));

        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        var queued = _pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications);
        var notices = result.Saved!.Complaint.Notifications.ToDictionary(n => n.Id, n => n.Kind);
        Assert.Equal(
            [NotificationKind.Acknowledgement, NotificationKind.Resolution],
            queued.Select(m => notices[m.NotificationId]).Order());

        await _pipeline.RunNotifyAsync(); // the survey is asked for once the resolution is sent, and follows it

        Assert.Equal(3, _pipeline.Email.Sent.Count);
        Assert.Equal(3, _pipeline.Email.Sent.Select(e => e.Tags["notificationId"]).Distinct().Count());
    }
}
