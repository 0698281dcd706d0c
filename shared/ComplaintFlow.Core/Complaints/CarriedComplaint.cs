using System.Text.Json;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// A complaint as a stage has just written it, with the version that write produced, carried in the queue message to
/// the next stage so that stage need not read it again (issue 19: a read per stage per complaint). The next stage
/// writes against <see cref="Version"/>, so the carried copy can never overwrite anything newer: a write in between
/// (a desk action, a reply, an erasure) makes that write a conflict, and the stage then reads what is stored and
/// decides again, exactly as when nothing was carried.
/// </summary>
/// <remarks>
/// The copy holds the customer's text and contact, so it travels only while the message is in flight: it is carried
/// by the first delivery of a message only (a redelivery, a message queued again for later and a message parked in a
/// poison queue go without it, see <c>ComplaintFlow.Functions</c>' queue functions and <c>LastDelivery</c>), and a
/// complaint larger than <see cref="MaxBytes"/> is not carried at all (its message would need a claim-check blob, which
/// costs more storage requests than the read it saves).
/// </remarks>
public sealed record CarriedComplaint(Complaint Complaint, string Version)
{
    /// <summary>
    /// The largest state carried, as JSON: with the rest of its message it stays under the queue adapter's 48 KiB
    /// claim-check threshold. A web complaint at the longest text the form takes (10,000 characters, 30 KB in Chinese)
    /// fits; a long email thread with its replies may not.
    /// </summary>
    public const int MaxBytes = 40 * 1024;

    /// <summary>The copy to carry of a complaint just written or read, or null when it is too large to carry.</summary>
    public static CarriedComplaint? Of(VersionedComplaint? written) =>
        written is not null && JsonSerializer.SerializeToUtf8Bytes(written.Complaint, ComplaintJson.Options).Length <= MaxBytes
            ? new CarriedComplaint(written.Complaint, written.Version)
            : null;

    /// <summary>The carried complaint as a version to write against, when it is the one the message is about.</summary>
    public VersionedComplaint? For(string complaintId) =>
        Complaint.Id == complaintId ? new VersionedComplaint(Complaint, Version) : null;
}
