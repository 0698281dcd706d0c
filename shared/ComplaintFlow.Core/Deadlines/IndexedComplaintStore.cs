using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// Keeps the deadlines index in step with every write: rows for the new state's open deadlines go in first, the
/// state second, rows it no longer needs are removed last. A crash in between leaves at worst an extra row, which
/// readers check against the complaint (<see cref="DeadlineEntry.IsCurrentFor"/>) and the sweep removes; it never
/// leaves an open deadline unindexed. A write that loses an ETag race restores the winner's rows.
/// </summary>
public sealed class IndexedComplaintStore(IComplaintStore inner, IDeadlineIndex index) : IComplaintStore
{
    public async Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken) =>
        await CreateAsync(change, cancellationToken) is not null;

    public async Task<VersionedComplaint?> CreateAsync(ComplaintChange change, CancellationToken cancellationToken)
    {
        await index.AddAsync(DeadlineEntry.For(change.State), cancellationToken);
        return await inner.CreateAsync(change, cancellationToken);
    }

    public Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public async Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken)
    {
        var after = DeadlineEntry.For(change.State).ToList();
        var before = DeadlineEntry.For(change.Original).ToList();
        var added = after.Where(e => !before.Contains(e)).ToList();
        await index.AddAsync(added, cancellationToken);
        VersionedComplaint saved;
        try
        {
            saved = await inner.SaveAsync(change, expectedVersion, cancellationToken);
        }
        catch (ConcurrencyConflictException) when (added.Count > 0)
        {
            // The rows just written may have overwritten the snapshot (owner, priority...) of the write that won the
            // race: put the winner's back before telling the caller, or the queues would show the loser's change. A
            // write that added no row (a notice claimed, most writes) overwrote nothing, and costs no read here.
            if (await inner.FindAsync(change.State.Id, cancellationToken) is { } winner)
            {
                await index.AddAsync(DeadlineEntry.For(winner.Complaint), cancellationToken);
            }

            throw;
        }

        await index.RemoveAsync(before.Where(e => !after.Any(a => a.Kind == e.Kind && a.Clock == e.Clock && a.DueAt == e.DueAt)), cancellationToken);
        return saved;
    }

    public Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken) => inner.GetHistoryAsync(id, cancellationToken);
}
