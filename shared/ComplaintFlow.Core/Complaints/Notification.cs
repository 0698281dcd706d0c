namespace ComplaintFlow.Core.Complaints;

public enum NotificationKind
{
    Acknowledgement,
    Resolution,
    Holding,
    Survey,
    StaffAlert,
}

public enum NotificationChannel
{
    Email,
    Sms,
}

public enum NotificationStatus
{
    Pending,

    /// <summary>Claimed by one Notify invocation; another delivery of the same message waits until the claim lapses.</summary>
    Sending,
    Sent,
    Failed,
}

/// <summary>A notice owed to someone about a complaint; recorded on the complaint before it is queued.</summary>
public sealed record Notification
{
    /// <summary>Deterministic (complaint, kind, channel, sequence), so a second delivery finds the first.</summary>
    public required string Id { get; init; }
    public required NotificationKind Kind { get; init; }
    public required NotificationChannel Channel { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public NotificationStatus Status { get; init; } = NotificationStatus.Pending;
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public string? ProviderMessageId { get; init; }

    /// <summary>Staff notices name their recipient; customer notices go to the complaint's contact.</summary>
    public string? Recipient { get; init; }

    /// <summary>What the notice is about (deadline, tier, new date), for its template; never personal data.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    public static string IdFor(string complaintId, NotificationKind kind, NotificationChannel channel, int ordinal) =>
        $"{complaintId}-{kind.ToString().ToLowerInvariant()}-{channel.ToString().ToLowerInvariant()}-{ordinal}";
}
