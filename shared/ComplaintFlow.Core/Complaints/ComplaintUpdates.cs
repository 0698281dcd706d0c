namespace ComplaintFlow.Core.Complaints;

public static class ComplaintUpdates
{
    /// <summary>
    /// Reads, changes and writes a complaint, re-reading and re-deciding when someone else wrote in between
    /// (an ETag mismatch). <paramref name="decide"/> returns null when there is nothing to do.
    /// </summary>
    public static async Task<VersionedComplaint?> UpdateAsync(
        this IComplaintStore store,
        string id,
        Func<Complaint, ComplaintChange?> decide,
        CancellationToken cancellationToken,
        int attempts = 10)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.FindAsync(id, cancellationToken);
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
