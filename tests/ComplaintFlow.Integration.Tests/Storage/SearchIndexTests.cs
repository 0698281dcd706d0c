using Azure.Core;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Storage;

/// <summary>
/// The <c>SearchIndex</c> table sharded by complaint: a complaint's rows are one partition, written and removed in a
/// transaction per 100 rows, and a term read across every shard finds what a term's own partition did, in the same
/// order, page after page.
/// </summary>
public sealed class SearchIndexTests
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Vocabulary = [.. Enumerable.Range(0, 400).Select(i => $"word{i:D3}x")];

    [Fact]
    public async Task A_complaints_rows_are_one_partition_written_and_removed_in_one_request_per_hundred_rows()
    {
        var (index, table, requests) = await NewIndexAsync();
        var typical = ComplaintOf(1, string.Join(' ', Vocabulary.Take(40)));
        var longest = ComplaintOf(2, string.Join(' ', Vocabulary));

        var typicalRows = SearchTerms.EntriesFor(typical);
        Assert.InRange(typicalRows.Count, 40, 100);
        requests.Reset();
        await index.AddAsync(typicalRows, CancellationToken.None);
        Assert.Equal(1, requests.Count);

        // Past 100 rows (the word cap keeps every complaint under 200): two transactions, never one request a row.
        var longRows = SearchTerms.EntriesFor(longest);
        Assert.InRange(longRows.Count, 101, 200);
        requests.Reset();
        await index.AddAsync(longRows, CancellationToken.None);
        Assert.Equal(2, requests.Count);

        var stored = await table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();
        Assert.Equal(typicalRows.Count + longRows.Count, stored.Count);
        Assert.All(stored.Where(e => e.RowKey.EndsWith("|" + typical.Id, StringComparison.Ordinal)), e => Assert.Equal(TableSearchIndex.PartitionOf(TableSearchIndex.ShardOf(typical.Id)), e.PartitionKey));

        // Writing them again (a redelivered Triage message) changes nothing.
        await index.AddAsync(typicalRows, CancellationToken.None);
        Assert.Equal(stored.Count, await table.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync());

        requests.Reset();
        await index.RemoveAsync(typicalRows, CancellationToken.None);
        Assert.Equal(1, requests.Count);
        Assert.Equal(longRows.Count, await table.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync());
    }

    [Fact]
    public async Task Removing_rows_some_of_which_are_already_gone_removes_the_rest()
    {
        var (index, table, _) = await NewIndexAsync();
        var complaint = ComplaintOf(3, "meter reading wrong again");
        var rows = SearchTerms.EntriesFor(complaint).ToList();
        await index.AddAsync(rows.Skip(3), CancellationToken.None);

        // The first three were never written (a removal repeated after a crash, an erasure before Triage indexed).
        await index.RemoveAsync(rows, CancellationToken.None);
        await index.RemoveAsync(rows, CancellationToken.None);

        Assert.Equal(0, await table.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync());
    }

    [Fact]
    public async Task A_term_read_across_shards_comes_back_in_key_order_and_pages_continue_where_they_stopped()
    {
        var (index, _, _) = await NewIndexAsync();
        var complaints = new TableComplaintStore(await NewTableAsync("Complaints"));
        var all = Enumerable.Range(0, 60).Select(i => ComplaintOf(100 + i, i % 3 == 0 ? "refund flooded kitchen" : "refund please")).ToList();
        Assert.True(all.Select(c => TableSearchIndex.ShardOf(c.Id)).Distinct().Count() > 4, "the complaints should spread over the shards");
        foreach (var complaint in all)
        {
            await complaints.TryCreateAsync(complaint.Change(Monday), CancellationToken.None);
        }

        await index.AddAsync(all.SelectMany(SearchTerms.EntriesFor), CancellationToken.None);

        // The index itself: the first keys of a term overall, from a key on, with or without it.
        var refund = all.Select(KeyOrder.Newest).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(refund.Take(7), await index.KeysAsync("w:refund", string.Empty, inclusive: true, 7, CancellationToken.None));
        Assert.Equal(refund.Skip(10).Take(5), await index.KeysAsync("w:refund", refund[10], inclusive: true, 5, CancellationToken.None));
        Assert.Equal(refund.Skip(11).Take(5), await index.KeysAsync("w:refund", refund[10], inclusive: false, 5, CancellationToken.None));
        Assert.Equal(refund.Skip(55), await index.KeysAsync("w:refund", refund[54], inclusive: false, 200, CancellationToken.None));

        // The search: newest first, a page of 7 at a time, each continuation picking up after the last row shown.
        var search = new ComplaintSearch(index, complaints, new WorkLists(new PortalOptions()));
        var expected = all.Where(c => c.Text.Contains("flooded", StringComparison.Ordinal)).OrderByDescending(c => c.ReceivedAt).Select(c => c.Id).ToList();
        var found = new List<string>();
        string? continuation = null;
        do
        {
            var page = await search.SearchAsync(["w:refund", "w:flooded"], 7, continuation, Monday, CancellationToken.None);
            found.AddRange(page.Rows.Select(r => r.ComplaintId));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        Assert.Equal(expected, found);
    }

    private static Complaint ComplaintOf(int i, string text) => new()
    {
        Id = ComplaintId.FromSource(Channel.Web, $"search-index-{i}"),
        Channel = Channel.Web,
        ReceivedAt = Monday.AddMinutes(-i),
        Contact = new ContactDetails { Email = $"c{i}@example.com", Name = "Li Lei" },
        Text = text,
        Language = "en",
        SourceMessageId = $"search-index-{i}",
        Status = ComplaintStatus.Open,
    };

    private static async Task<(TableSearchIndex Index, TableClient Table, StorageRequestCount Requests)> NewIndexAsync()
    {
        var requests = new StorageRequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString, options);
        var table = service.GetTableClient(Names.UniqueTable("SearchIndex"));
        await table.CreateIfNotExistsAsync();
        return (new TableSearchIndex(table), table, requests);
    }

    private static async Task<TableClient> NewTableAsync(string name)
    {
        var table = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString).GetTableClient(Names.UniqueTable(name));
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
