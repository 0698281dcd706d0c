namespace ComplaintFlow.Core.Desk.Search;

/// <summary>
/// Table <c>SearchIndex</c>: one row per term and complaint, keyed so that a term's rows read in key order are its
/// complaints newest first (see <see cref="SearchEntry"/>; the table's layout, sharded by complaint, is
/// <c>TableSearchIndex</c>'s). Finding the complaints that have every term of a query reads a few keys at a time
/// from each term and skips ahead in the others, never
/// the whole table: Azure Tables has no full-text search, and this is the index it lacks.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Adds rows (written before the complaint state that needs them); adding a row that exists is fine.</summary>
    Task AddAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes rows; a row already gone is fine.</summary>
    Task RemoveAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="take"/> keys of <paramref name="term"/>, in ascending order, from
    /// <paramref name="from"/> (itself included when <paramref name="inclusive"/>).
    /// </summary>
    Task<IReadOnlyList<string>> KeysAsync(string term, string from, bool inclusive, int take, CancellationToken cancellationToken);
}
