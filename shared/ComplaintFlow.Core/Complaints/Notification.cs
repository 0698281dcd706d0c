namespace ComplaintFlow.Core.Complaints;

public enum NotificationKind
{
    Acknowledgement,
    Resolution,
    Holding,
    Survey,
    StaffAlert,

    /// <summary>
    /// A one-time code by text, so a customer we can only text confirms their number before reading the written
    /// resolution online. It answers the customer's own request: it is no notice owed, meets no clock, and has no
    /// stand-in on the other channel.
    /// </summary>
    AccessCode,

    /// <summary>
    /// An interim reply a member of staff wrote on the desk (their words in <c>Data["text"]</c>, framed by the
    /// template of the customer's language): a person's contact, so once sent it meets the first-contact clocks.
    /// </summary>
    Interim,

    /// <summary>
    /// A progress notice (进展反馈) the deadline sweep asks for before a profile's deadline when the customer has heard
    /// nothing for a while: where the complaint stands and by when they will have our answer. Meets no clock.
    /// </summary>
    Progress,

    /// <summary>
    /// An update of the incident the complaint is linked to (its words in <c>Data["text"]</c>, in the customer's
    /// language), one per update and customer: <c>Data["incidentUpdate"]</c> names the update. Meets no clock.
    /// </summary>
    Incident,
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

    /// <summary>A provider accepted it (with its id); the only status that meets a clock.</summary>
    Sent,

    /// <summary>The provider reported it reached the customer's mailbox or handset.</summary>
    Delivered,

    /// <summary>
    /// Sent but not delivered (bounce, dropped, spam report, undelivered), or the queue gave up on it. The customer
    /// was not reached by it.
    /// </summary>
    Failed,

    /// <summary>
    /// Never sent, and sending again would not change that: the number opted out, the address is suppressed, or the
    /// provider refused it for good. <see cref="Notification.Reason"/> says which.
    /// </summary>
    NotSent,
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

    /// <summary>
    /// Names the delivery that holds the claim, so a delivery whose claim was written but whose answer was lost knows
    /// the claim for its own, and two deliveries claiming at the same instant never both do.
    /// </summary>
    public string? ClaimToken { get; init; }
    public string? ProviderMessageId { get; init; }

    /// <summary>Why it was not sent or not delivered (e.g. <c>sms-opt-out</c>, <c>bounce: 550 5.1.1 unknown user</c>); never an address.</summary>
    public string? Reason { get; init; }

    /// <summary>The last delivery report's outcome (<c>delivered</c>, <c>deferred</c>, <c>bounce</c>...), as the desk shows it.</summary>
    public string? Delivery { get; init; }

    /// <summary>Ids of the delivery reports already recorded, so a provider posting one twice is recorded once.</summary>
    public IReadOnlyList<string> DeliveryReportIds { get; init; } = [];

    /// <summary>Staff notices name their recipient; customer notices go to the complaint's contact.</summary>
    public string? Recipient { get; init; }

    /// <summary>What the notice is about (deadline, tier, new date), for its template; never personal data.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>Done with: sending it again would duplicate it or could not reach the customer either.</summary>
    public bool IsSettled => Status is NotificationStatus.Sent or NotificationStatus.Delivered or NotificationStatus.NotSent
        || (Status == NotificationStatus.Failed && SentAt is not null);

    /// <summary>Known not to have reached its recipient.</summary>
    public bool DidNotReach => Status is NotificationStatus.NotSent or NotificationStatus.Failed;

    public static string IdFor(string complaintId, NotificationKind kind, NotificationChannel channel, int ordinal) =>
        $"{complaintId}-{kind.ToString().ToLowerInvariant()}-{channel.ToString().ToLowerInvariant()}-{ordinal}";
}

public static class CustomerReach
{
    /// <summary>
    /// The customer was not reached: some notice to them did not get through and no other notice of the same kind
    /// (on the other channel) did. A notice still pending does not count as reaching them until it is sent.
    /// </summary>
    public static bool CustomerNotReached(this Complaint complaint) =>
        complaint.ErasedAt is null && complaint.Notifications
            .Where(n => n.Recipient is null && n.Kind != NotificationKind.AccessCode)
            .GroupBy(n => n.Kind)
            .Any(kind => kind.Any(n => n.DidNotReach) && !kind.Any(n => n.Status is NotificationStatus.Sent or NotificationStatus.Delivered));
}
