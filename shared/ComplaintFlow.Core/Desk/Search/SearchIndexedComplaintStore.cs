using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Core.Desk.Search;

/// <summary>
/// Keeps the search index in step with every write of a complaint, whichever stage writes it: rows the new state
/// needs go in before the state, rows it no longer needs come out after. A complaint is indexed by its first save
/// after creation (Triage's, normally a second or two after the 202), not at creation: its 20 to 197 rows (one
/// storage transaction, two past 100 rows, in the table index) are then written by the queue handler instead of in
/// front of the web form's answer, and a redelivered Triage message writes
/// them again harmlessly (upserts) before finding the complaint scored. Most
/// later writes (a notice sent, a clock warned) change no term and write nothing to the index; a change of status,
/// owner, priority or category moves a few facet rows. A crash in between leaves at worst an extra row, which the
/// search checks against the complaint before showing it (<see cref="ComplaintSearch"/>); it never leaves a term
/// unindexed. A removal is followed by one read of the complaint, and any removed row its state still needs (a
/// colleague's write in the meantime) is put back, so two writers cannot leave the index short.
/// </summary>
public sealed class SearchIndexedComplaintStore(IComplaintStore inner, ISearchIndex index) : IComplaintStore
{
    /// <summary>A complaint created as received (every channel's intake) writes no row here.</summary>
    public async Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken) =>
        await CreateAsync(change, cancellationToken) is not null;

    public async Task<VersionedComplaint?> CreateAsync(ComplaintChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var entries = SearchIndexUpkeep.RowsFor(change.State);
        await index.AddAsync(entries, cancellationToken);
        if (await inner.CreateAsync(change, cancellationToken) is { } created)
        {
            return created;
        }

        // The id exists: a redelivery (the same rows, nothing to undo) or another submission under a reused key,
        // whose words must not point at the complaint that holds the id.
        if (entries.Count > 0)
        {
            var existing = await inner.FindAsync(change.State.Id, cancellationToken);
            var kept = existing is null ? new HashSet<SearchEntry>() : SearchIndexUpkeep.RowsFor(existing.Complaint);
            await SearchIndexUpkeep.RemoveAsync(inner, index, change.State.Id, entries.Except(kept), cancellationToken);
        }

        return null;
    }

    public Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public async Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // A complaint still received may have no rows yet, so its save writes them all. Rows to remove are reckoned
        // from every row the old state could have had: deleting one that is not there is fine.
        var before = SearchTerms.EntriesFor(change.Original);
        var after = SearchTerms.EntriesFor(change.State);
        var added = after.Except(SearchIndexUpkeep.RowsFor(change.Original)).ToList();
        await index.AddAsync(added, cancellationToken);
        VersionedComplaint saved;
        try
        {
            saved = await inner.SaveAsync(change, expectedVersion, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // This write lost: take out what it added that the winner does not need (after an erasure, that is
            // everything that names the customer).
            await SearchIndexUpkeep.RemoveAsync(inner, index, change.State.Id, added, cancellationToken);
            throw;
        }

        await SearchIndexUpkeep.RemoveAsync(inner, index, change.State.Id, before.Except(after), cancellationToken);
        return saved;
    }

    public Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken) => inner.GetHistoryAsync(id, cancellationToken);
}

/// <summary>
/// Erasure (right to erasure) writes through <see cref="IComplaintRedaction"/>, not the store: the index rows that
/// name the customer (email, phone, words of the name and text) are removed first, then the anonymised state is
/// written. A crash in between leaves the complaint unerased, so the request's retry removes them again; a colleague's
/// write in between makes the erasure's save fail and decide again, and a colleague's write that lost to the erasure
/// takes its own rows out (<see cref="SearchIndexedComplaintStore"/>). An erased complaint's terms are its reference
/// and facets only, so nothing puts those rows back. The rows removed are all the customer's details could have,
/// even for a complaint still waiting for Triage (which has none unless a Triage wrote them and stopped before its
/// save): removing a row that is not there is fine, leaving one would not be.
/// </summary>
public sealed class SearchIndexedRedaction(IComplaintRedaction inner, ISearchIndex index) : IComplaintRedaction
{
    public async Task<VersionedComplaint> SaveRedactedAsync(ComplaintChange change, string expectedVersion, IReadOnlyList<ComplaintEvent> rewritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await index.RemoveAsync(SearchTerms.EntriesFor(change.Original).Except(SearchTerms.EntriesFor(change.State)), cancellationToken);
        return await inner.SaveRedactedAsync(change, expectedVersion, rewritten, cancellationToken);
    }
}

internal static class SearchIndexUpkeep
{
    private static readonly IReadOnlySet<SearchEntry> None = new HashSet<SearchEntry>();

    /// <summary>
    /// The rows the index can be counted on to hold for a complaint as it is: none while it waits for Triage (Intake
    /// creates it without rows). Only what to add is reckoned from this, so every save of a complaint still received
    /// writes all its rows (normally one save, Triage's; a desk action or a reply before Triage writes them again,
    /// harmlessly, as upserts). What to remove, and erasure (<see cref="SearchIndexedRedaction"/>), take every row the
    /// state could have, in case a save that wrote rows stopped before the state.
    /// </summary>
    public static IReadOnlySet<SearchEntry> RowsFor(Complaint complaint) =>
        complaint.Status == ComplaintStatus.Received ? None : SearchTerms.EntriesFor(complaint);

    /// <summary>Removes rows, then puts back any the complaint as it is now still needs.</summary>
    public static async Task RemoveAsync(IComplaintStore store, ISearchIndex index, string id, IEnumerable<SearchEntry> entries, CancellationToken cancellationToken)
    {
        var removed = entries.ToList();
        if (removed.Count == 0)
        {
            return;
        }

        await index.RemoveAsync(removed, cancellationToken);
        if (await store.FindAsync(id, cancellationToken) is { } current)
        {
            var needed = SearchTerms.EntriesFor(current.Complaint);
            var back = removed.Where(needed.Contains).ToList();
            if (back.Count > 0)
            {
                await index.AddAsync(back, cancellationToken);
            }
        }
    }
}
