using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Tests.Desk;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// Issue 19: fewer storage requests per complaint, no guarantee weakened. The web form's answer writes the payload,
/// the state and the queue message and nothing of the search index; Triage writes against the version Intake's message
/// carries and indexes the complaint; Notify claims against the version Triage's message carries and records the send
/// against the version its claim wrote. Every queue message may still
/// arrive twice or meet a storage blip, and the customer still gets one acknowledgement, the index every term.
/// </summary>
public sealed class StorageRequestsPerComplaintTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly ComplaintSearch _search;

    public StorageRequestsPerComplaintTests()
    {
        _pipeline = new InMemoryPipeline(_time);
        _search = new ComplaintSearch(_pipeline.Search, _pipeline.Complaints, new WorkLists(new PortalOptions()));
    }

    private async Task<IReadOnlyList<string>> FoundAsync(string text)
    {
        var errors = new List<ValidationError>();
        var terms = new SearchQuery { Text = text }.Terms("CN", SupportedLanguages.English, errors);
        Assert.Empty(errors);
        return [.. (await _search.SearchAsync(terms, ComplaintSearch.DefaultTake, null, _time.GetUtcNow(), CancellationToken.None)).Rows.Select(r => r.ComplaintId)];
    }

    private async Task AssertIndexedAsync(string id)
    {
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal(SearchTerms.EntriesFor(complaint).OrderBy(e => e.Term, StringComparer.Ordinal), _pipeline.Search.Rows().Where(r => r.ComplaintId == id).OrderBy(e => e.Term, StringComparer.Ordinal));
        Assert.Equal([id], await FoundAsync(ComplaintId.ToReference(id)));
        Assert.Equal([id], await FoundAsync("li.lei@example.com"));
        Assert.Equal([id], await FoundAsync("138 1234 5678"));
        Assert.Equal([id], await FoundAsync("doubled"));
    }

    [Fact]
    public async Task A_web_complaint_is_not_read_back_from_the_form_to_its_acknowledgement()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: "+8613812345678")).Complaint.Id;
        Assert.Equal(0, _pipeline.Store.Reads);

        // Intake's message carries the complaint as created, with its version: Triage scores it against that version.
        await _pipeline.RunTriageAsync();
        Assert.Equal(0, _pipeline.Store.Reads);

        // Triage's message carries it as scored: Notify claims against that version and records the send against the
        // version its claim wrote.
        await _pipeline.RunNotifyAsync();

        Assert.Equal(0, _pipeline.Store.Reads);
        Assert.Equal([EventTypes.Received, EventTypes.Scored, EventTypes.Notified], (await _pipeline.HistoryAsync(id)).Select(e => e.Type));
        Assert.Single(_pipeline.Email.Sent);
        Assert.NotNull((await _pipeline.ComplaintAsync(id)).AcknowledgedAt);
        await AssertIndexedAsync(id);
    }

    [Fact]
    public async Task The_web_form_writes_no_search_rows_and_triage_makes_the_complaint_searchable()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: "+8613812345678")).Complaint.Id;

        Assert.Empty(_pipeline.Search.Rows());
        Assert.Empty(await FoundAsync(ComplaintId.ToReference(id)));

        await _pipeline.RunTriageAsync();

        await AssertIndexedAsync(id);
    }

    [Fact]
    public async Task Triage_delivered_twice_scores_once_and_leaves_the_index_exactly_as_once()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: "+8613812345678")).Complaint.Id;

        await _pipeline.RunTriageAsync(deliveries: 2);
        await _pipeline.RunNotifyAsync(deliveries: 2);

        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Scored);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Notified);
        Assert.Single(_pipeline.Email.Sent);
        await AssertIndexedAsync(id);
    }

    [Fact]
    public async Task A_triage_stopped_by_storage_after_indexing_is_finished_by_the_redelivery()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: "+8613812345678")).Complaint.Id;

        // The index rows go in, then the scoring's write fails: the message is not done and comes back.
        _pipeline.Store.FailWrites(1);
        await Assert.ThrowsAsync<AggregateException>(() => _pipeline.RunTriageAsync());
        Assert.Equal(ComplaintStatus.Received, (await _pipeline.ComplaintAsync(id)).Status);

        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Scored);
        Assert.Single(_pipeline.Email.Sent);
        await AssertIndexedAsync(id);
    }

    [Fact]
    public async Task A_scoring_whose_answer_was_lost_keeps_every_index_row()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: "+8613812345678")).Complaint.Id;

        // The write went through; its retry meets 412, takes out what it added, reads the complaint and puts back what it needs.
        _pipeline.Store.LoseAnswers(1);
        await _pipeline.RunTriageAsync();

        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Scored);
        await AssertIndexedAsync(id);
    }

    [Fact]
    public async Task Erasure_after_a_triage_that_indexed_and_stopped_leaves_nothing_of_the_customer_in_the_index()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "Wang Xiaoming here, my bill doubled.", email: "wang.xm@example.com", phone: "+8613812345678")).Complaint.Id;
        _pipeline.Store.FailWrites(1);
        await Assert.ThrowsAsync<AggregateException>(() => _pipeline.RunTriageAsync());
        Assert.Contains(_pipeline.Search.Rows(), r => r.ComplaintId == id && r.Term.StartsWith("e:", StringComparison.Ordinal));

        ContactIdentity.TryParse("wang.xm@example.com", "CN", out var identity);
        await _pipeline.DataRights.EraseAsync(identity, DeskFixtures.Supervisor, CancellationToken.None);
        await _pipeline.RunTriageAsync();

        Assert.All(_pipeline.Search.Rows().Where(r => r.ComplaintId == id), r =>
            Assert.False(r.Term.StartsWith("w:", StringComparison.Ordinal) || r.Term.StartsWith("e:", StringComparison.Ordinal) || r.Term.StartsWith("p:", StringComparison.Ordinal), r.Term));
        Assert.Empty(await FoundAsync("wang.xm@example.com"));
        Assert.Empty(await FoundAsync("xiaoming"));
    }

    [Fact]
    public async Task A_desk_action_before_triage_makes_the_complaint_searchable_and_triage_keeps_it_so()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", phone: "+8613812345678")).Complaint.Id;
        var read = await _pipeline.Complaints.FindAsync(id, CancellationToken.None);
        await _pipeline.Complaints.SaveAsync(read!.Complaint.Change(_time.GetUtcNow()).Apply(c => c with { Owner = "amy@desk.example" }).Record(EventTypes.Assigned, "amy@desk.example"), read.Version, CancellationToken.None);

        Assert.Equal([id], await FoundAsync("li.lei@example.com"));
        await _pipeline.RunTriageAsync();

        await AssertIndexedAsync(id);
        Assert.Contains(_pipeline.Search.Rows(), r => r.ComplaintId == id && r.Term == SearchTerms.Owner("amy@desk.example"));
    }

    [Fact]
    public async Task A_desk_write_between_the_claim_and_the_record_keeps_both_and_sends_once()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();

        // While the provider has the email, a colleague adds a note: the record's write against the claim's version
        // meets a conflict, reads again and records the send on top of the note.
        _pipeline.Email.Accepted = _ => Task.Run(AddNoteAsync).GetAwaiter().GetResult();
        await _pipeline.RunNotifyAsync(deliveries: 2);

        var history = await _pipeline.HistoryAsync(id);
        Assert.Single(history, e => e.Type == EventTypes.Note);
        Assert.Single(history, e => e.Type == EventTypes.Notified);
        Assert.Single(_pipeline.Email.Sent);
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.NotNull(complaint.AcknowledgedAt);

        // The deadlines index holds exactly the complaint's open deadlines: the met acknowledgement clock is gone.
        var rows = await _pipeline.Index.AllOpenAsync(CancellationToken.None).Where(e => e.ComplaintId == id).ToListAsync();
        Assert.Equal(
            DeadlineEntry.For(complaint).Select(e => (e.Kind, e.Clock, e.DueAt)).Order(),
            rows.Select(e => (e.Kind, e.Clock, e.DueAt)).Order());
        Assert.Contains(complaint.Deadlines, d => !d.IsOpen);

        async Task AddNoteAsync()
        {
            _pipeline.Email.Accepted = null;
            var read = await _pipeline.Complaints.FindAsync(id, CancellationToken.None);
            await _pipeline.Complaints.SaveAsync(read!.Complaint.Change(_time.GetUtcNow()).Record(EventTypes.Note, "amy@desk.example"), read.Version, CancellationToken.None);
        }
    }
}
