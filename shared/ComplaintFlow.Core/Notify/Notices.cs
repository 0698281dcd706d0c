using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// The one place that decides which notices a complaint gets and on which channel, and that puts them on the
/// <c>notifications</c> queue. The other stages ask for a kind of notice (Triage an acknowledgement, the deadline sweep
/// a holding notice or a staff alert, the desk a resolution or an interim reply; Notify the survey once the resolution
/// is sent) inside their own change, and hand the
/// saved complaint back here to be queued.
/// </summary>
/// <remarks>
/// Channels: a notice that answers the complaint (acknowledgement, resolution) goes by email when there is an address,
/// and also by text message when the customer wrote by text or gave no address; a notice that is one message
/// (holding notice, survey) goes by email when there is an address, else by text. A notice recorded on the complaint
/// is queued after the change that records it is saved; a queue message without its notice is never sent.
/// </remarks>
public sealed class Notices(IMessageQueue queue)
{
    /// <summary>The channels a customer notice of <paramref name="kind"/> goes by, in the order they are recorded.</summary>
    public static IReadOnlyList<NotificationChannel> ChannelsFor(Complaint complaint, NotificationKind kind)
    {
        var contact = complaint.Contact;
        var email = contact.Email is not null;
        var phone = contact.Phone is not null;
        return kind switch
        {
            NotificationKind.Acknowledgement or NotificationKind.Resolution =>
                [.. Only(email, NotificationChannel.Email), .. Only(phone && (complaint.Channel == Channel.Sms || !email), NotificationChannel.Sms)],
            NotificationKind.Holding or NotificationKind.Survey or NotificationKind.Progress or NotificationKind.Incident =>
                email ? [NotificationChannel.Email] : phone ? [NotificationChannel.Sms] : [],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Staff alerts name their recipient: use ForStaff."),
        };

        static IEnumerable<NotificationChannel> Only(bool when, NotificationChannel channel) => when ? [channel] : [];
    }

    /// <summary>The complaint with the customer notices of <paramref name="kind"/> added, one per channel.</summary>
    public static Complaint ForCustomer(Complaint complaint, NotificationKind kind, DateTimeOffset now, IReadOnlyDictionary<string, string>? data = null) =>
        ChannelsFor(complaint, kind).Aggregate(complaint, (c, channel) => With(c, New(c, kind, channel, now, null, data)));

    /// <summary>The complaint with one email alert to a member of staff added.</summary>
    public static Complaint ForStaff(Complaint complaint, string recipient, DateTimeOffset now, IReadOnlyDictionary<string, string>? data = null) =>
        With(complaint, New(complaint, NotificationKind.StaffAlert, NotificationChannel.Email, now, recipient, data));

    /// <summary>
    /// A new notice. Its id counts the notices of the same kind and channel before it, so asking again for the same
    /// change (a retried read-modify-write) gives the same id, and a second resolution a new one.
    /// </summary>
    public static Notification New(Complaint complaint, NotificationKind kind, NotificationChannel channel, DateTimeOffset now,
        string? recipient = null, IReadOnlyDictionary<string, string>? data = null) => new()
        {
            Id = Notification.IdFor(complaint.Id, kind, channel, complaint.Notifications.Count(n => n.Kind == kind && n.Channel == channel) + 1),
            Kind = kind,
            Channel = channel,
            RequestedAt = now,
            Recipient = recipient,
            Data = data ?? new Dictionary<string, string>(),
        };

    /// <summary>
    /// The complaint with the notices that wait for <paramref name="sent"/> added: the survey follows the resolution
    /// and is asked for only once a resolution notice of the current resolution was sent, so it never reaches the
    /// customer before the answer it asks about (queued together, Notify's parallel deliveries and retries sent it
    /// first). Once per resolution; a complaint reopened meanwhile gets none.
    /// </summary>
    public static Complaint AfterSent(Complaint complaint, Notification sent, DateTimeOffset now) =>
        sent is { Kind: NotificationKind.Resolution, Recipient: null }
        && complaint is { Status: ComplaintStatus.Resolved or ComplaintStatus.Closed, Resolution: { } resolution, ErasedAt: null }
        && sent.RequestedAt >= resolution.ResolvedAt
        && !complaint.Notifications.Any(n => n.Kind == NotificationKind.Survey && n.RequestedAt >= resolution.ResolvedAt)
            ? ForCustomer(complaint, NotificationKind.Survey, now)
            : complaint;

    /// <summary>The notices <see cref="AfterSent"/> asked for after <paramref name="sent"/> that are still to send.</summary>
    public static IReadOnlyList<Notification> FollowUpsOf(Complaint complaint, Notification sent) =>
        sent.Kind == NotificationKind.Resolution && complaint.Resolution is { } resolution
            ? [.. complaint.Notifications.Where(n => n.Kind == NotificationKind.Survey && n.RequestedAt >= resolution.ResolvedAt && !n.IsSettled)]
            : [];

    /// <summary>The ids of the notices <paramref name="after"/> has that <paramref name="before"/> had not.</summary>
    public static IReadOnlyList<string> Added(Complaint before, Complaint after) =>
        [.. after.Notifications.Select(n => n.Id).Except(before.Notifications.Select(n => n.Id))];

    /// <summary>Queues the named notices of a saved complaint.</summary>
    public async Task QueueAsync(string complaintId, IEnumerable<string> notificationIds, string? traceParent, CancellationToken cancellationToken)
    {
        foreach (var id in notificationIds)
        {
            await queue.SendAsync(QueueNames.Notifications, new NotificationMessage(complaintId, id) { TraceParent = traceParent }, cancellationToken);
        }
    }

    /// <summary>
    /// Queues every notice of a saved complaint that is not settled and matches <paramref name="which"/>: one left
    /// behind by a failed send or a lost queue message goes out now, and Notify skips one already sent, so queuing
    /// twice is harmless.
    /// </summary>
    public Task QueueUnsettledAsync(Complaint saved, Func<Notification, bool> which, string? traceParent, CancellationToken cancellationToken) =>
        QueueAsync(saved.Id, saved.Notifications.Where(n => !n.IsSettled && which(n)).Select(n => n.Id), traceParent, cancellationToken);

    /// <summary>
    /// As <see cref="QueueUnsettledAsync(Complaint, Func{Notification, bool}, string?, CancellationToken)"/>, the first
    /// pending notice's message carrying the complaint as saved (<see cref="CarriedComplaint"/>), so Notify claims it
    /// without reading it. Only the first: its claim moves the version on, and a later message carrying the same copy
    /// would only meet a conflict before reading.
    /// </summary>
    public async Task QueueUnsettledAsync(VersionedComplaint saved, Func<Notification, bool> which, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var carried = CarriedComplaint.Of(saved);
        foreach (var notice in saved.Complaint.Notifications.Where(n => !n.IsSettled && which(n)))
        {
            var message = new NotificationMessage(saved.Complaint.Id, notice.Id)
            {
                TraceParent = traceParent,
                Carried = notice.Status == NotificationStatus.Pending ? carried : null,
            };
            carried = message.Carried is null ? carried : null;
            await queue.SendAsync(QueueNames.Notifications, message, cancellationToken);
        }
    }

    /// <summary>
    /// Queues a notice again after <paramref name="delay"/> (a claim held by another delivery, a provider asking to
    /// wait), without the copy of the complaint the message carried: by then it is out of date.
    /// </summary>
    public Task QueueLaterAsync(NotificationMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        queue.SendAsync(QueueNames.Notifications, message with { Carried = null }, delay, cancellationToken);

    private static Complaint With(Complaint complaint, Notification notice) => complaint with { Notifications = [.. complaint.Notifications, notice] };
}
