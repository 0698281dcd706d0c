namespace ComplaintFlow.Core.Complaints;

public static class ComplaintUpdates
{
    /// <summary>
    /// Reads, changes and writes a complaint, re-reading and re-deciding when someone else wrote in between
    /// (an ETag mismatch). <paramref name="decide"/> returns null when there is nothing to do.
    /// </summary>
    public static Task<VersionedComplaint?> UpdateAsync(
        this IComplaintStore store,
        string id,
        Func<Complaint, ComplaintChange?> decide,
        CancellationToken cancellationToken,
        int attempts = 10) =>
        store.UpdateAsync(id, known: null, decide, cancellationToken, attempts);

    /// <summary>
    /// As <see cref="UpdateAsync(IComplaintStore, string, Func{Complaint, ComplaintChange?}, CancellationToken, int)"/>,
    /// starting from a version the caller already holds (the one it just read or wrote), so the usual case is one
    /// conditional write and no read: the version guards the write as a fresh read would, and a mismatch (someone
    /// wrote since) falls back to reading and deciding again.
    /// </summary>
    public static async Task<VersionedComplaint?> UpdateAsync(
        this IComplaintStore store,
        string id,
        VersionedComplaint? known,
        Func<Complaint, ComplaintChange?> decide,
        CancellationToken cancellationToken,
        int attempts = 10)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && known is not null ? known : await store.FindAsync(id, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var change = decide(current.Complaint);
            if (change is null)
            {
                return current;
            }

            try
            {
                return await store.SaveAsync(change, current.Version, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < attempts)
            {
                // Someone else moved it on; decide again against what they wrote.
            }
        }
    }
}
