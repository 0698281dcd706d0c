using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk.DataRights;

/// <summary>The <c>Contacts</c> index seen from a data subject request: which complaints an identity has, and forgetting them.</summary>
public interface IContactDirectory
{
    /// <summary>Ids of the complaints recorded under any identity of <paramref name="contact"/>, without scanning.</summary>
    Task<IReadOnlyList<string>> ComplaintIdsAsync(ContactDetails contact, CancellationToken cancellationToken);

    /// <summary>Removes the rows linking <paramref name="contact"/>'s identities to the complaint; rows already gone are fine.</summary>
    Task ForgetAsync(ContactDetails contact, string complaintId, CancellationToken cancellationToken);
}

/// <summary>Stored payloads (raw inbound, attachments) read for an export and deleted for an erasure.</summary>
public interface IPayloadArchive : IRawPayloadStore
{
    /// <returns>The content, or null when no payload has that name.</returns>
    Task<StoredPayload?> ReadAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> NamesUnderAsync(string prefix, CancellationToken cancellationToken);
}

public sealed record StoredPayload(ReadOnlyMemory<byte> Content, string ContentType);

/// <summary>What the SMS tables hold about a number (the thread it last texted about, its opt-out record).</summary>
public interface ISmsRecords
{
    /// <summary>Each row held for the number, as table name and columns.</summary>
    Task<IReadOnlyList<StoredRow>> RowsForAsync(string e164, CancellationToken cancellationToken);

    /// <summary>Removes the number's thread row when it points at one of <paramref name="complaintIds"/>.</summary>
    Task ForgetThreadAsync(string e164, IReadOnlySet<string> complaintIds, CancellationToken cancellationToken);
}

public sealed record StoredRow(string Table, IReadOnlyDictionary<string, string> Columns);

/// <summary>Writes an erased complaint: the new state, its event and the rewritten history rows, all or nothing.</summary>
public interface IComplaintRedaction
{
    /// <exception cref="ConcurrencyConflictException">The complaint changed since <paramref name="expectedVersion"/>.</exception>
    Task<VersionedComplaint> SaveRedactedAsync(ComplaintChange change, string expectedVersion, IReadOnlyList<ComplaintEvent> rewritten, CancellationToken cancellationToken);
}
