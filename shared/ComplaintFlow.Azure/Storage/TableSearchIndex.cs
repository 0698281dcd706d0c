using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Desk.Search;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Table <c>SearchIndex</c>: PartitionKey = the term's kind and hash (<see cref="PartitionOf"/>), RowKey = the
/// entry's key (<c>{ticks:D19}|{complaintId}</c>), no other columns. A term's complaints are one partition read in
/// key order; a skip ahead is one range query (<c>PartitionKey eq t and RowKey ge k</c>).
/// </summary>
public sealed class TableSearchIndex(TableClient table) : ISearchIndex
{
    /// <summary>Rows written or deleted at once for one complaint (each is its own request: rows of a complaint are in different partitions).</summary>
    private const int Parallelism = 8;

    public Task AddAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (entry, ct) =>
            await table.UpsertEntityAsync(new TableEntity(PartitionOf(entry.Term), entry.Key), TableUpdateMode.Replace, ct));

    public Task RemoveAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (entry, ct) =>
            await table.DeleteEntityAsync(PartitionOf(entry.Term), entry.Key, ETag.All, ct));

    public async Task<IReadOnlyList<string>> KeysAsync(string term, string from, bool inclusive, int take, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(term);
        var filter = inclusive
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from}");
        var keys = new List<string>(take);
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            keys.AddRange(page.Values.Select(e => e.RowKey).Take(take - keys.Count));
            if (keys.Count >= take)
            {
                break;
            }
        }

        return keys;
    }

    /// <summary>
    /// The partition of a term: its kind (<c>w:</c>, <c>e:</c>, <c>p:</c>, ... kept so a row's kind can be told) and the
    /// SHA-256 of the whole term in hex. Never the term itself: a key travels in request URLs, which the storage client
    /// and the telemetry log, and a term can be an email address, a phone number or the customer's words. A search
    /// looks a term up by its hash, so nothing is lost (lookups are exact; there is no prefix search).
    /// </summary>
    public static string PartitionOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var colon = term.IndexOf(':', StringComparison.Ordinal);
        var kind = colon is > 0 and <= 8 && term[..colon].All(char.IsAsciiLetterLower) ? term[..(colon + 1)] : string.Empty;
        return kind + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(term)));
    }
}
