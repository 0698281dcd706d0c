using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Complaints;

/// <summary>What a customer may see of their complaint: no internal notes, scores or staff names.</summary>
public sealed record CustomerStatus
{
    public required string Reference { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Channel { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? ReplyBy { get; init; }
    public DateTimeOffset? ResolveBy { get; init; }
    public string? Subject { get; init; }

    public static CustomerStatus Of(Complaint complaint) => new()
    {
        Reference = complaint.Reference,
        Status = complaint.Status switch
        {
            ComplaintStatus.Received or ComplaintStatus.Open => "in-progress",
            ComplaintStatus.WaitingOnCustomer => "waiting-on-you",
            ComplaintStatus.Resolved => "resolved",
            _ => "closed",
        },
        ReceivedAt = complaint.ReceivedAt,
        Channel = complaint.Channel.ToString().ToLowerInvariant(),
        AcknowledgedAt = complaint.AcknowledgedAt,
        ReplyBy = DueOf(complaint, DeadlineKinds.Acknowledge),
        ResolveBy = DueOf(complaint, DeadlineKinds.Resolve),
        Subject = complaint.Subject,
    };

    private static DateTimeOffset? DueOf(Complaint complaint, string kind) =>
        complaint.Deadlines.FirstOrDefault(d => d.Kind == kind && d.Clock == DeadlineKinds.InternalClock)?.DueAt;
}
