using Azure.Core;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Storage;

/// <summary>The Deadlines index follows every complaint write, and "due by T" reads only the buckets up to T.</summary>
public sealed class DeadlineIndexTests
{
    private static readonly DateTimeOffset Received = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private sealed record Stores(IComplaintStore Complaints, TableDeadlineIndex Index, TableClient DeadlineTable);

    private static async Task<Stores> NewStoresAsync()
    {
        var service = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString);
        var complaints = service.GetTableClient(Names.UniqueTable("Complaints"));
        var deadlines = service.GetTableClient(Names.UniqueTable("Deadlines"));
        await complaints.CreateIfNotExistsAsync();
        await deadlines.CreateIfNotExistsAsync();
        var index = new TableDeadlineIndex(deadlines);
        return new Stores(new IndexedComplaintStore(new TableComplaintStore(complaints), index), index, deadlines);
    }

    private static Complaint ComplaintWith(string source, params (string Kind, TimeSpan In)[] deadlines) => new()
    {
        Id = ComplaintId.FromSource(Channel.Email, source),
        Channel = Channel.Email,
        ReceivedAt = Received,
        Contact = new ContactDetails { Email = "d@example.com" },
        Text = "overdue test",
        Language = "en",
        SourceMessageId = source,
        Status = ComplaintStatus.Open,
        Deadlines = [.. deadlines.Select(d => new Deadline { Kind = d.Kind, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received + d.In })],
    };

    [Fact]
    public async Task Due_by_returns_only_deadlines_due_by_then_earliest_first()
    {
        var stores = await NewStoresAsync();
        await stores.Complaints.TryCreateAsync(ComplaintWith("a", ("acknowledge", TimeSpan.FromHours(24)), ("resolve", TimeSpan.FromDays(10))).Change(Received), CancellationToken.None);
        await stores.Complaints.TryCreateAsync(ComplaintWith("b", ("acknowledge", TimeSpan.FromHours(2))).Change(Received), CancellationToken.None);

        var due = await stores.Index.DueByAsync(Received.AddDays(1), CancellationToken.None).ToListAsync();

        Assert.Equal([(ComplaintId.FromSource(Channel.Email, "b"), "acknowledge"), (ComplaintId.FromSource(Channel.Email, "a"), "acknowledge")],
            due.Select(d => (d.ComplaintId, d.Kind)));
    }

    [Fact]
    public async Task Met_deadline_leaves_the_index_when_the_complaint_is_saved()
    {
        var stores = await NewStoresAsync();
        var complaint = ComplaintWith("c", ("acknowledge", TimeSpan.FromHours(24)), ("resolve", TimeSpan.FromDays(10)));
        await stores.Complaints.TryCreateAsync(complaint.Change(Received), CancellationToken.None);
        var read = (await stores.Complaints.FindAsync(complaint.Id, CancellationToken.None))!;

        var met = read.Complaint.Change(Received.AddHours(1))
            .Apply(c => c with { Deadlines = [.. c.Deadlines.Select(d => d.Kind == "acknowledge" ? d with { MetAt = Received.AddHours(1) } : d)] })
            .Record(EventTypes.Notified, Actors.System);
        await stores.Complaints.SaveAsync(met, read.Version, CancellationToken.None);

        var open = await stores.Index.AllOpenAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(["resolve"], open.Select(o => o.Kind));
    }

    [Fact]
    public async Task Resolved_complaint_has_no_rows_left_and_owner_changes_are_reflected()
    {
        var stores = await NewStoresAsync();
        var complaint = ComplaintWith("d", ("resolve", TimeSpan.FromDays(5)));
        var other = ComplaintWith("d2", ("resolve", TimeSpan.FromDays(6)));
        await stores.Complaints.TryCreateAsync(complaint.Change(Received), CancellationToken.None);
        await stores.Complaints.TryCreateAsync(other.Change(Received), CancellationToken.None);

        await stores.Complaints.UpdateAsync(complaint.Id, c => c.Change(Received).Apply(x => x with { Owner = "agent-1" }).Record(EventTypes.Assigned, "agent-1"), CancellationToken.None);
        var rows = await stores.Index.AllOpenAsync(CancellationToken.None).ToListAsync();
        Assert.Equal("agent-1", Assert.Single(rows, r => r.ComplaintId == complaint.Id).Owner);

        await stores.Complaints.UpdateAsync(complaint.Id, c => c.Change(Received).Apply(x => x with { Status = ComplaintStatus.Resolved }).Record(EventTypes.Resolved, "agent-1"), CancellationToken.None);
        // Only the resolved complaint's rows go: the other complaint's clock is still due.
        var left = await stores.Index.AllOpenAsync(CancellationToken.None).ToListAsync();
        Assert.Equal([other.Id], left.Select(r => r.ComplaintId));
        Assert.Equal(Received.AddDays(6), Assert.Single(left).DueAt);
    }

    [Fact]
    public async Task Row_left_by_a_write_that_lost_its_race_is_recognised_as_stale()
    {
        var stores = await NewStoresAsync();
        var complaint = ComplaintWith("e", ("resolve", TimeSpan.FromDays(5)));
        await stores.Complaints.TryCreateAsync(complaint.Change(Received), CancellationToken.None);
        var read = (await stores.Complaints.FindAsync(complaint.Id, CancellationToken.None))!;
        await stores.Complaints.SaveAsync(read.Complaint.Change(Received).Record(EventTypes.Note, "a"), read.Version, CancellationToken.None);

        var losing = read.Complaint.Change(Received)
            .Apply(c => c with { Deadlines = [c.Deadlines[0] with { DueAt = Received.AddDays(9) }] })
            .Record(EventTypes.Note, "b");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.Complaints.SaveAsync(losing, read.Version, CancellationToken.None));

        var current = (await stores.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint;
        var rows = await stores.Index.AllOpenAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.IsCurrentFor(current));
    }

    [Fact]
    public async Task A_write_that_loses_its_race_leaves_the_rows_showing_the_winners_owner()
    {
        var stores = await NewStoresAsync();
        var complaint = ComplaintWith("f", ("resolve", TimeSpan.FromDays(10)));
        await stores.Complaints.TryCreateAsync(complaint.Change(Received), CancellationToken.None);
        var read = (await stores.Complaints.FindAsync(complaint.Id, CancellationToken.None))!;

        // Two writers decided on the same read; the second writes its snapshot rows first, then loses on the ETag.
        await stores.Complaints.SaveAsync(read.Complaint.Change(Received).Apply(c => c with { Owner = "amy@desk.example" }), read.Version, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            stores.Complaints.SaveAsync(read.Complaint.Change(Received).Apply(c => c with { Owner = "bob@desk.example" }), read.Version, CancellationToken.None));

        var row = Assert.Single(await stores.Index.AllOpenAsync(CancellationToken.None).ToListAsync());
        Assert.Equal("amy@desk.example", row.Owner);
    }

    [Fact]
    public async Task Rows_due_in_the_same_hour_are_written_and_removed_in_one_request_each()
    {
        var requests = new StorageRequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString, options);
        var table = service.GetTableClient(Names.UniqueTable("Deadlines"));
        await table.CreateIfNotExistsAsync();
        var index = new TableDeadlineIndex(table);
        var complaint = ComplaintWith("g", ("acknowledge", TimeSpan.FromMinutes(10)), ("first-contact", TimeSpan.FromMinutes(40)), ("resolve", TimeSpan.FromDays(10)));

        requests.Reset();
        await index.AddAsync(DeadlineEntry.For(complaint), CancellationToken.None);

        // Two buckets: the two clocks due in the hour after receipt share a transaction, the ten-day one is an upsert.
        Assert.Equal(2, requests.Count);
        var assigned = complaint with { Owner = "amy@desk.example" };
        await index.AddAsync(DeadlineEntry.For(assigned), CancellationToken.None);
        var rows = await index.AllOpenAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(["acknowledge", "first-contact", "resolve"], rows.Select(r => r.Kind).Order());
        Assert.All(rows, r => Assert.Equal("amy@desk.example", r.Owner));
        Assert.All(rows, r => Assert.True(r.IsCurrentFor(assigned)));

        // Both early clocks met: one request takes both rows out; repeated (rows already gone) it still succeeds.
        var met = DeadlineEntry.For(assigned).Where(e => e.Kind != "resolve").ToList();
        requests.Reset();
        await index.RemoveAsync(met, CancellationToken.None);
        Assert.Equal(1, requests.Count);
        await index.RemoveAsync(met, CancellationToken.None);
        Assert.Equal(["resolve"], (await index.AllOpenAsync(CancellationToken.None).ToListAsync()).Select(r => r.Kind));
    }
}
