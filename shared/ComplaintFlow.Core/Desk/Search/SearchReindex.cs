using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk.Search;

/// <summary>What a re-index did: complaints read and index rows written (or that would be, in a dry run).</summary>
public sealed record SearchReindexReport(int Complaints, int Rows, int Erased);

/// <summary>
/// Writes every index row each stored complaint should have now (<see cref="SearchTerms.EntriesFor"/>): the rebuild
/// after the index's layout changes (a new shard count, the move to the sharded table) or after the table was
/// dropped. Safe while the app runs and safe to repeat: rows are upserts of what the complaint needs, and a row a
/// complaint changed meanwhile no longer needs is a stale row, which the search checks against the complaint and never
/// shows. An erased complaint gets only its reference and facet rows, as it has after the erasure.
/// </summary>
public sealed class SearchReindex(IComplaintCatalog catalog, ISearchIndex index)
{
    /// <summary>Complaints whose rows go to the index in one call (the table writes them a shard and 100 rows to a transaction).</summary>
    public const int ComplaintsPerCall = 64;

    public async Task<SearchReindexReport> RunAsync(DateTimeOffset from, DateTimeOffset to, bool dryRun, IProgress<SearchReindexReport>? progress, CancellationToken cancellationToken)
    {
        var pending = new List<SearchEntry>();
        var inCall = 0;
        var (complaints, rows, erased) = (0, 0, 0);
        await foreach (var complaint in catalog.ReceivedBetweenAsync(from, to, cancellationToken))
        {
            var entries = SearchTerms.EntriesFor(complaint);
            pending.AddRange(entries);
            (complaints, rows, erased) = (complaints + 1, rows + entries.Count, erased + (complaint.ErasedAt is null ? 0 : 1));
            if (++inCall == ComplaintsPerCall)
            {
                await FlushAsync();
                progress?.Report(new SearchReindexReport(complaints, rows, erased));
            }
        }

        await FlushAsync();
        return new SearchReindexReport(complaints, rows, erased);

        async Task FlushAsync()
        {
            if (!dryRun && pending.Count > 0)
            {
                await index.AddAsync(pending, cancellationToken);
            }

            pending.Clear();
            inCall = 0;
        }
    }
}
