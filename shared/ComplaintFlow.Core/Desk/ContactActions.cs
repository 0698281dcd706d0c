using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// Runs a contact action (<see cref="CustomerContacts"/>) under the desk's rules (<see cref="DeskActions"/>: the
/// version the page read, a colleague's change makes it stale) and records it once however often the same form is
/// submitted: a second submission under the same key answers with the complaint as it is, writing nothing. Without
/// the key a double click would be refused as stale by the first click's own write, and a retry after a lost answer
/// could not tell that the first went through.
/// </summary>
public sealed class ContactActions(IComplaintStore complaints, DeskActions actions, Notices notices)
{
    public async Task<DeskActionResult> RunAsync(
        string complaintId,
        string? key,
        string seenVersion,
        string? seenSequence,
        StaffMember staff,
        Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange> decide,
        string? traceParent,
        CancellationToken cancellationToken)
    {
        if (await ReplayAsync(complaintId, key, traceParent, cancellationToken) is { } replay)
        {
            return replay;
        }

        var result = await actions.RunAsync(complaintId, seenVersion, seenSequence, staff, decide, traceParent, cancellationToken);

        // Two submissions at the same moment: the one that lost the race finds the winner's record.
        return result.Outcome == DeskActionOutcome.Stale && await ReplayAsync(complaintId, key, traceParent, cancellationToken) is { } raced
            ? raced
            : result;
    }

    private async Task<DeskActionResult?> ReplayAsync(string complaintId, string? key, string? traceParent, CancellationToken cancellationToken)
    {
        if (key is null || !ComplaintId.TryParse(complaintId, out var id)
            || !CustomerContacts.AlreadyRecorded(await complaints.GetHistoryAsync(id, cancellationToken), key)
            || await complaints.FindAsync(id, cancellationToken) is not { } current)
        {
            return null;
        }

        // The first submission may have been saved and lost before its notice was queued; Notify skips one already sent.
        await notices.QueueUnsettledAsync(current.Complaint, n => n.Status == NotificationStatus.Pending, traceParent, cancellationToken);
        return new DeskActionResult(DeskActionOutcome.Done) { Saved = current };
    }
}
