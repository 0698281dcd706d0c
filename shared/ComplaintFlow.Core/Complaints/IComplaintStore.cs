namespace ComplaintFlow.Core.Complaints;

/// <summary>A complaint as read, with the version token a later write must match.</summary>
public sealed record VersionedComplaint(Complaint Complaint, string Version);

/// <summary>
/// Complaint state and its history. A state and the events that produced it are written together or not at all,
/// and every update is conditional on the version read.
/// </summary>
public interface IComplaintStore
{
    /// <summary>Creates the complaint with its first events; returns false (writing nothing) when the id exists.</summary>
    Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="TryCreateAsync"/>, returning the complaint with the version the creation wrote (null, writing
    /// nothing, when the id exists), so the next stage can write against it without reading it (<see cref="CarriedComplaint"/>).
    /// The stores the app runs on answer from the creation itself; this default, for stores that cannot, reads it back.
    /// </summary>
    async Task<VersionedComplaint?> CreateAsync(ComplaintChange change, CancellationToken cancellationToken) =>
        await TryCreateAsync(change, cancellationToken) ? await FindAsync(change.State.Id, cancellationToken) : null;

    Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes the change if the complaint is still at <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it first.</exception>
    Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken);

    Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken);
}

public sealed class ConcurrencyConflictException(string complaintId)
    : Exception($"Complaint {complaintId} was changed by someone else.")
{
    public string ComplaintId { get; } = complaintId;
}

public sealed class ComplaintNotFoundException(string complaintId) : Exception($"Complaint {complaintId} does not exist.")
{
    public string ComplaintId { get; } = complaintId;
}
