using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// One open deadline as the index holds it, with a snapshot of the complaint fields the portal's queues filter and
/// sort on, so listing a queue needs no read per complaint.
/// </summary>
public sealed record DeadlineEntry
{
    public required string ComplaintId { get; init; }
    public required string Kind { get; init; }
    public required string Clock { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public string? Owner { get; init; }

    /// <summary>What the sweep already did about this deadline, so it can skip rows without reading the complaint.</summary>
    public DateTimeOffset? WarnedAt { get; init; }
    public int EscalationTier { get; init; }
    public DateTimeOffset? LastEscalatedAt { get; init; }
    public DateTimeOffset? HoldingNoticeAt { get; init; }
    public DateTimeOffset? ProgressNoticeAt { get; init; }
    public DateTimeOffset? PausedAt { get; init; }
    /// <summary>
    /// <c>tier-N</c> once the sweep escalated a breached deadline, otherwise triage's escalation grade
    /// (<c>Internal</c>, <c>ExternalRisk</c>, <c>External</c>).
    /// </summary>
    public string? Escalation { get; init; }

    /// <summary>A notice did not reach the customer and nothing of its kind got through since (the desk's "not reached").</summary>
    public bool NotReached { get; init; }

    /// <summary>An agent escalated it by authority and no supervisor has taken it over or returned it yet.</summary>
    public bool AwaitingSupervisor { get; init; }
    public string Reference => Complaints.ComplaintId.ToReference(ComplaintId);

    /// <summary>
    /// The rows of a complaint's open deadlines. A resolved or closed complaint keeps only its open follow-up (回访):
    /// the task is due after the resolution, and the views and the sweep find it through this index like any clock.
    /// </summary>
    public static IEnumerable<DeadlineEntry> For(Complaint complaint) =>
        complaint.Deadlines
            .Where(d => d.IsOpen && (d.Kind == DeadlineKinds.FollowUp || complaint.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed)))
            .Select(d => new DeadlineEntry
            {
                ComplaintId = complaint.Id,
                Kind = d.Kind,
                Clock = d.Clock,
                StartedAt = d.StartedAt,
                DueAt = d.DueAt,
                Status = complaint.Status.ToString(),
                Channel = complaint.Channel.ToString(),
                Priority = complaint.Triage?.Priority.ToString(),
                Category = complaint.Triage?.PrimaryCategory,
                Owner = complaint.Owner,
                WarnedAt = d.WarnedAt,
                EscalationTier = d.EscalationTier,
                LastEscalatedAt = d.LastEscalatedAt,
                HoldingNoticeAt = d.HoldingNoticeAt,
                ProgressNoticeAt = d.ProgressNoticeAt,
                PausedAt = d.PausedAt,
                Escalation = complaint.Deadlines.Max(x => (int?)x.EscalationTier) is > 0 and var tier
                    ? $"tier-{tier}"
                    : complaint.Triage?.EscalationGrade.ToString(),
                NotReached = complaint.CustomerNotReached(),
                AwaitingSupervisor = complaint.AuthorityEscalation is not null,
            });

    /// <summary>The deadline as far as the row knows it.</summary>
    public Deadline ToDeadline() => new()
    {
        Kind = Kind,
        Clock = Clock,
        StartedAt = StartedAt,
        DueAt = DueAt,
        WarnedAt = WarnedAt,
        EscalationTier = EscalationTier,
        LastEscalatedAt = LastEscalatedAt,
        HoldingNoticeAt = HoldingNoticeAt,
        ProgressNoticeAt = ProgressNoticeAt,
        PausedAt = PausedAt,
    };

    /// <summary>True when the complaint still has this deadline open, due at the same time.</summary>
    public bool IsCurrentFor(Complaint? complaint) =>
        complaint is not null && For(complaint).Any(e => e.Kind == Kind && e.Clock == Clock && e.DueAt == DueAt);
}

/// <summary>
/// Table <c>Deadlines</c>: open deadlines bucketed by the UTC hour they fall due. "What is due by T" reads only the
/// buckets up to T, so its cost follows the number of open deadlines due, never the size of the history.
/// </summary>
public interface IDeadlineIndex
{
    /// <summary>Adds or refreshes the rows of the complaint's open deadlines (called before its state is written).</summary>
    Task AddAsync(IEnumerable<DeadlineEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes rows (called after the state that no longer needs them is written).</summary>
    Task RemoveAsync(IEnumerable<DeadlineEntry> entries, CancellationToken cancellationToken);

    /// <summary>Open deadlines due at or before <paramref name="until"/>, earliest first; reads buckets up to it only.</summary>
    IAsyncEnumerable<DeadlineEntry> DueByAsync(DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Every open deadline (the open complaints' work list).</summary>
    IAsyncEnumerable<DeadlineEntry> AllOpenAsync(CancellationToken cancellationToken);
}
