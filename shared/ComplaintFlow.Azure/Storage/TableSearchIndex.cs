using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Desk.Search;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Table <c>SearchIndex</c>, partitioned by document: PartitionKey = the complaint's shard (<see cref="ShardOf"/>,
/// <c>00</c> to <c>07</c>), RowKey = <c>{term hash}|{entry key}</c> (<see cref="TermKeyOf"/>; the entry key is
/// <c>{ticks:D19}|{complaintId}</c>), no other columns. All of a complaint's rows share its shard, so they are written
/// (and removed) in entity-group transactions of up to 100 rows: one request for most complaints, two at most
/// (<see cref="SearchTerms.MaxWordTerms"/> keeps a complaint under 200 rows). A term's rows in one shard are one
/// contiguous RowKey range in key order, so a read asks every shard for that range at once and merges the sorted
/// answers: a skip ahead is still one range query per shard (<c>RowKey ge {hash}|k and RowKey lt {hash}}</c>).
/// </summary>
public sealed class TableSearchIndex(TableClient table) : ISearchIndex
{
    /// <summary>
    /// Shards of the index. Changing it moves every row, so it is a constant, not a setting (a change needs the
    /// re-index in docs/desk.md). Eight because: a search reads every shard for every term read (8 parallel range
    /// queries, and so 8 billed requests, per read), so fewer is cheaper to search; and a shard is a partition,
    /// whose scalability target is 2,000 rows/s, so 8 take about 16,000 index rows/s, some 80 to 400 new complaints a
    /// second at 40 to 200 rows each: well above a storm's burst (issue 19: 5,000 complaints in two minutes, about
    /// 40/s) and the storage account's own 20,000 requests/s, which the rest of the pipeline meets first.
    /// </summary>
    public const int Shards = 8;

    /// <summary>Actions one entity-group transaction may hold.</summary>
    private const int MaxTransactionActions = 100;

    /// <summary>Shards written or read at once (all of them: they are independent partitions).</summary>
    private const int Parallelism = Shards;

    /// <summary>
    /// One transaction per shard and 100 rows (a complaint's rows: one, or two past 100 rows); a lone row as one upsert.
    /// Upserts, so a write repeated after a lost answer or a redelivered message changes nothing.
    /// </summary>
    public Task AddAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Batches(entries), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            if (batch.Length == 1)
            {
                await table.UpsertEntityAsync(new TableEntity(batch[0].Partition, batch[0].Row), TableUpdateMode.Replace, ct);
                return;
            }

            await table.SubmitTransactionAsync(batch.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(k.Partition, k.Row))), ct);
        });

    /// <summary>
    /// Batched as <see cref="AddAsync"/>. A transaction fails whole when one of its rows is already gone (a removal
    /// repeated after a crash, an erasure of a complaint Triage never indexed), and says which: that row is dropped
    /// and the rest sent again, so a row already gone is fine, as removal is idempotent.
    /// </summary>
    public Task RemoveAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Batches(entries), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var left = batch.ToList();
            while (left.Count > 1)
            {
                try
                {
                    await table.SubmitTransactionAsync(left.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), ETag.All)), ct);
                    return;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    if (e.FailedTransactionActionIndex is not { } failed || failed < 0 || failed >= left.Count)
                    {
                        break;
                    }

                    left.RemoveAt(failed);
                }
            }

            foreach (var key in left)
            {
                await table.DeleteEntityAsync(key.Partition, key.Row, ETag.All, ct);
            }
        });

    /// <summary>
    /// Asks every shard for the term's first <paramref name="take"/> keys from <paramref name="from"/> at once and
    /// merges them: the first <paramref name="take"/> of the union are the term's first <paramref name="take"/>
    /// overall (each shard gave its own first ones), and fewer than asked means the term has no more.
    /// </summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string term, string from, bool inclusive, int take, CancellationToken cancellationToken)
    {
        var prefix = TermKeyOf(term) + "|";
        var start = prefix + from;

        // '}' follows '|': every RowKey of this term is below it, and no other term's is (the hash is fixed length).
        var end = TermKeyOf(term) + "}";
        var perShard = await Task.WhenAll(Enumerable.Range(0, Shards).Select(async shard =>
        {
            var partition = PartitionOf(shard);
            var filter = inclusive
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {start} and RowKey lt {end}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {start} and RowKey lt {end}");
            var keys = new List<string>(take);
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
            {
                keys.AddRange(page.Values.Select(e => e.RowKey[prefix.Length..]).Take(take - keys.Count));
                if (keys.Count >= take)
                {
                    break;
                }
            }

            return keys;
        }));

        return [.. perShard.SelectMany(k => k).Order(StringComparer.Ordinal).Take(take)];
    }

    /// <summary>
    /// The shard of a complaint: the first byte of the SHA-256 of its id, modulo <see cref="Shards"/>. Ids are already
    /// hashes of the channel's message id, so complaints spread evenly; hashing again keeps that true for any id.
    /// </summary>
    public static int ShardOf(string complaintId)
    {
        ArgumentNullException.ThrowIfNull(complaintId);
        return SHA256.HashData(Encoding.UTF8.GetBytes(complaintId))[0] % Shards;
    }

    /// <summary>The PartitionKey of a shard: two digits, so it never looks like a term's key of the old layout.</summary>
    public static string PartitionOf(int shard) => shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where a row lives: its shard's partition and <c>{term hash}|{key}</c>.</summary>
    public static (string Partition, string Row) KeysOf(SearchEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (PartitionOf(ShardOf(entry.ComplaintId)), TermKeyOf(entry.Term) + "|" + entry.Key);
    }

    /// <summary>
    /// The key of a term: its kind (<c>w:</c>, <c>e:</c>, <c>p:</c>, ... kept so a row's kind can be told) and the
    /// SHA-256 of the whole term in hex. Never the term itself: a key travels in request URLs, which the storage client
    /// and the telemetry log, and a term can be an email address, a phone number or the customer's words. A search
    /// looks a term up by its hash, so nothing is lost (lookups are exact; there is no prefix search).
    /// </summary>
    public static string TermKeyOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var colon = term.IndexOf(':', StringComparison.Ordinal);
        var kind = colon is > 0 and <= 8 && term[..colon].All(char.IsAsciiLetterLower) ? term[..(colon + 1)] : string.Empty;
        return kind + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(term)));
    }

    /// <summary>Rows by shard, each row once (a transaction may not name a row twice), at most 100 to a batch.</summary>
    private static IEnumerable<(string Partition, string Row)[]> Batches(IEnumerable<SearchEntry> entries) =>
        entries.Select(KeysOf).Distinct().GroupBy(k => k.Partition, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxTransactionActions));
}
