using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Desk;

/// <summary>What became of one desk action.</summary>
public enum DeskActionOutcome
{
    /// <summary>Saved: <see cref="DeskActionResult.Saved"/> is the new version and its notices are queued.</summary>
    Done,

    /// <summary>No complaint has that id.</summary>
    NotFound,

    /// <summary>A person changed the complaint since the page read it: nothing was saved.</summary>
    Stale,

    /// <summary>The desk refused the action (<see cref="DeskActionResult.Refusal"/> says why): nothing was saved.</summary>
    Refused,
}

public sealed record DeskActionResult(DeskActionOutcome Outcome)
{
    public VersionedComplaint? Saved { get; init; }
    public DeskRefusal? Refusal { get; init; }

    /// <summary>For <see cref="DeskActionOutcome.Stale"/>: who changed it last and how ("a.chan (assigned, 2026-12-07 09:12 UTC)").</summary>
    public string? ChangedBy { get; init; }
}

/// <summary>
/// Runs a desk action against the version of the complaint the member of staff saw, saves it with the events that
/// explain it, and queues the notices it asked for. The rules an HTTP handler must not hold live here:
/// <list type="bullet">
/// <item>A page is stale only when a <em>person</em> changed the complaint since it was read; the system's own
/// bookkeeping since (a notice marked sent, a sweep warning) does not make it stale, and the action is then decided
/// against the complaint as it is now.</item>
/// <item>A version mismatch at save is looked at like a mismatch at read: a person who acted at the same moment makes
/// the page stale (never retried silently: the person decided on what they saw); the system writing at the same
/// moment (a notice marked sent) is not their business, so the action is decided again on the new version.</item>
/// <item>After the save every pending notice is queued, so one left behind by an earlier failed send goes out now;
/// Notify skips one already sent.</item>
/// </list>
/// </summary>
public sealed class DeskActions(IComplaintStore complaints, Notices notices, TimeProvider time)
{
    /// <param name="complaintId">The complaint's id or reference.</param>
    /// <param name="seenVersion">The ETag the page read (<c>If-Match</c>).</param>
    /// <param name="seenSequence">The last event the page showed (<c>X-Seen-Sequence</c>); null when unknown.</param>
    /// <param name="decide">The desk's rule for this action; throws <see cref="DeskRefusal"/> to refuse.</param>
    public async Task<DeskActionResult> RunAsync(
        string complaintId,
        string seenVersion,
        string? seenSequence,
        StaffMember staff,
        Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange> decide,
        string? traceParent,
        CancellationToken cancellationToken)
    {
        if (!ComplaintId.TryParse(complaintId, out var id) || await complaints.FindAsync(id, cancellationToken) is not { } current)
        {
            return new(DeskActionOutcome.NotFound);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (current.Version != seenVersion && !await OnlySystemChangesSinceAsync(id, seenSequence, cancellationToken))
            {
                return await StaleAsync(current.Complaint, cancellationToken);
            }

            ComplaintChange change;
            try
            {
                change = decide(current.Complaint, staff, time.GetUtcNow());
            }
            catch (DeskRefusal refusal)
            {
                return new(DeskActionOutcome.Refused) { Refusal = refusal };
            }

            try
            {
                var saved = await complaints.SaveAsync(change, current.Version, cancellationToken);
                await notices.QueueUnsettledAsync(saved.Complaint, n => n.Status == NotificationStatus.Pending, traceParent, cancellationToken);
                return new(DeskActionOutcome.Done) { Saved = saved };
            }
            catch (ConcurrencyConflictException)
            {
                // Someone wrote between the read and the save. The system's bookkeeping (Notify marking a notice sent,
                // triage scoring) is decided against again, a few times; a person's change makes the page stale.
                var latest = await complaints.FindAsync(id, cancellationToken);
                if (latest is null || attempt == MaxAttempts)
                {
                    return await StaleAsync(latest?.Complaint ?? current.Complaint, cancellationToken);
                }

                current = latest;
            }
        }
    }

    /// <summary>Saves tried when only the system writes at the same moment; a storm of writes beyond this is answered as stale.</summary>
    private const int MaxAttempts = 4;

    private async Task<bool> OnlySystemChangesSinceAsync(string id, string? seenSequence, CancellationToken cancellationToken) =>
        int.TryParse(seenSequence, out var seen)
        && (await complaints.GetHistoryAsync(id, cancellationToken)).Where(e => e.Sequence > seen).All(e => e.Actor == Actors.System);

    private async Task<DeskActionResult> StaleAsync(Complaint latest, CancellationToken cancellationToken)
    {
        // The person whose change made the page stale: the system may have written after them (a notice sent).
        var history = await complaints.GetHistoryAsync(latest.Id, cancellationToken);
        var last = history.Where(e => e.Actor != Actors.System).MaxBy(e => e.Sequence) ?? history.MaxBy(e => e.Sequence);
        var who = last is null ? "someone else" : $"{last.Actor} ({last.Type}, {last.At:yyyy-MM-dd HH:mm} UTC)";
        return new(DeskActionOutcome.Stale) { ChangedBy = who };
    }
}
