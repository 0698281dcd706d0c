using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Storage;

/// <summary>The Complaints table: state and history together, or not at all; ETags guard every update.</summary>
public sealed class TableComplaintStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static async Task<TableComplaintStore> NewStoreAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Names.UniqueTable("Complaints"));
        await table.CreateIfNotExistsAsync();
        return new TableComplaintStore(table);
    }

    private static ComplaintChange NewComplaint(string source, string text = "网速太慢") =>
        new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, source),
            Channel = Channel.Web,
            ReceivedAt = At,
            Contact = new ContactDetails { Email = "a@example.com" },
            Text = text,
            Language = "zh-Hans",
            SourceMessageId = source,
        }.Change(At).Record(EventTypes.Received, Actors.Customer);

    [Fact]
    public async Task Created_complaint_reads_back_with_its_received_event()
    {
        var store = await NewStoreAsync();
        var change = NewComplaint("s1");

        Assert.True(await store.TryCreateAsync(change, CancellationToken.None));

        var read = await store.FindAsync(change.State.Id, CancellationToken.None);
        Assert.Equal(change.State, read!.Complaint with { Deadlines = change.State.Deadlines, Notifications = change.State.Notifications, Compensations = change.State.Compensations, SurveyAnswers = change.State.SurveyAnswers, Replies = change.State.Replies, Attachments = change.State.Attachments, Referrals = change.State.Referrals, AccessCodes = change.State.AccessCodes, AttachmentsNotKept = change.State.AttachmentsNotKept, FollowUps = change.State.FollowUps });
        Assert.Empty(read.Complaint.FollowUps);
        var history = await store.GetHistoryAsync(change.State.Id, CancellationToken.None);
        Assert.Equal(EventTypes.Received, Assert.Single(history).Type);
    }

    [Fact]
    public async Task Creating_the_same_complaint_twice_writes_nothing_the_second_time()
    {
        var store = await NewStoreAsync();
        Assert.True(await store.TryCreateAsync(NewComplaint("s2", "first"), CancellationToken.None));

        Assert.False(await store.TryCreateAsync(NewComplaint("s2", "second"), CancellationToken.None));

        var read = await store.FindAsync(ComplaintId.FromSource(Channel.Web, "s2"), CancellationToken.None);
        Assert.Equal("first", read!.Complaint.Text);
        Assert.Single(await store.GetHistoryAsync(read.Complaint.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Creation_answers_with_the_version_a_read_would_give_and_an_update_against_it_needs_no_read()
    {
        var store = await NewStoreAsync();
        var change = NewComplaint("s-version");

        // Intake carries this version to Triage in the queue message instead of Triage reading it (issue 19).
        var created = await store.CreateAsync(change, CancellationToken.None);

        var read = await store.FindAsync(change.State.Id, CancellationToken.None);
        Assert.Equal(read!.Version, created!.Version);
        var saved = await store.SaveAsync(created.Complaint.Change(At).Apply(c => c with { Status = ComplaintStatus.Open }).Record(EventTypes.Scored, Actors.System), created.Version, CancellationToken.None);
        Assert.Equal(ComplaintStatus.Open, (await store.FindAsync(change.State.Id, CancellationToken.None))!.Complaint.Status);

        // A copy carried past a later write is refused: it never overwrites newer state.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(created.Complaint.Change(At).Record(EventTypes.Note, "amy@desk.example"), created.Version, CancellationToken.None));
        Assert.Null(await store.CreateAsync(NewComplaint("s-version"), CancellationToken.None));
        Assert.Equal(saved.Version, (await store.FindAsync(change.State.Id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Stale_update_is_refused_and_neither_its_state_nor_its_event_is_written()
    {
        var store = await NewStoreAsync();
        var created = NewComplaint("s3");
        await store.TryCreateAsync(created, CancellationToken.None);
        var read = (await store.FindAsync(created.State.Id, CancellationToken.None))!;

        await store.SaveAsync(read.Complaint.Change(At).Apply(c => c with { Owner = "agent-a" }).Record(EventTypes.Assigned, "agent-a"), read.Version, CancellationToken.None);
        var stale = read.Complaint.Change(At).Apply(c => c with { Owner = "agent-b" }).Record(EventTypes.Assigned, "agent-b");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(stale, read.Version, CancellationToken.None));

        var now = (await store.FindAsync(created.State.Id, CancellationToken.None))!.Complaint;
        Assert.Equal("agent-a", now.Owner);
        var history = await store.GetHistoryAsync(created.State.Id, CancellationToken.None);
        Assert.Equal(["agent-a"], history.Where(e => e.Type == EventTypes.Assigned).Select(e => e.Actor));
    }

    [Fact]
    public async Task Concurrent_updates_through_the_retry_loop_all_land_in_order()
    {
        var store = await NewStoreAsync();
        var created = NewComplaint("s4");
        await store.TryCreateAsync(created, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.UpdateAsync(
            created.State.Id,
            c => c.Change(At).Record(EventTypes.Note, $"agent-{i}"),
            CancellationToken.None,
            attempts: 50)));

        var history = await store.GetHistoryAsync(created.State.Id, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 9), history.Select(e => e.Sequence));
        Assert.Equal(8, history.Count(e => e.Type == EventTypes.Note));
        Assert.Equal(9, (await store.FindAsync(created.State.Id, CancellationToken.None))!.Complaint.LastEventSequence);
    }

    [Fact]
    public async Task Long_chinese_complaint_larger_than_one_table_property_round_trips()
    {
        var store = await NewStoreAsync();
        var text = string.Concat(Enumerable.Repeat("停电三天冰箱里的食物全坏了，要求赔偿！", 2_500));
        var change = NewComplaint("s5", text);

        await store.TryCreateAsync(change, CancellationToken.None);

        Assert.Equal(text, (await store.FindAsync(change.State.Id, CancellationToken.None))!.Complaint.Text);
    }
}
