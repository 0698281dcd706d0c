using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// Who complained before: the same person (by email or phone, whatever the channel) across complaints, so a repeat
/// contact is seen without scanning every complaint.
/// </summary>
public interface IContactHistory
{
    /// <summary>Complaints from this contact received at or after <paramref name="since"/>, other than <paramref name="complaintId"/>.</summary>
    Task<int> CountEarlierAsync(ContactDetails contact, string complaintId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Records the complaint under each of its contact's identities. Idempotent: recording twice changes nothing.</summary>
    Task RecordAsync(Complaint complaint, CancellationToken cancellationToken);
}
