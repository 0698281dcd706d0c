using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// What a notice that did not reach the customer changes on the complaint, whether it was never sent (opt-out,
/// suppressed address, provider refusal) or was sent and then bounced: the notice says why, it meets no clock (one it
/// had met opens again, so the SLA sweep still flags it), the history says so, and the same notice is asked for on the
/// customer's other channel. With no other channel the desk is told to call.
/// </summary>
public static class NotReached
{
    public const string CallTheCustomer = "call";

    public static ComplaintChange Record(Complaint complaint, Notification updated, DateTimeOffset now, IReadOnlyDictionary<string, string> data)
    {
        // A one-time code answers the customer's own request on the page: nothing stands in for it, nobody needs to call.
        var owed = updated.Recipient is null && updated.Kind != NotificationKind.AccessCode;
        var fallback = owed ? FallbackFor(complaint, updated, now) : null;
        var unacknowledges = updated.Kind == NotificationKind.Acknowledgement
            && updated.SentAt is { } sentAt
            && complaint.AcknowledgedAt == sentAt
            && !complaint.Notifications.Any(n => n.Id != updated.Id && n.Kind == NotificationKind.Acknowledgement && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered);

        // An interim reply that did not reach them was no contact: the first-contact clocks it met run again (until
        // the resolution, which meets them anyway).
        var uncontacts = updated.Kind == NotificationKind.Interim
            && updated.SentAt is not null
            && complaint.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed);
        var eventData = new Dictionary<string, string>(data)
        {
            ["notificationId"] = updated.Id,
            ["kind"] = updated.Kind.ToString(),
            ["channel"] = updated.Channel.ToString(),
            ["reason"] = updated.Reason ?? "unknown",
        };
        if (owed)
        {
            eventData["fallback"] = fallback?.Channel.ToString().ToLowerInvariant() ?? CallTheCustomer;
        }

        return complaint.Change(now)
            .Apply(c => c with
            {
                Notifications = [.. c.Notifications.Select(n => n.Id == updated.Id ? updated : n), .. fallback is null ? [] : new[] { fallback }],
                AcknowledgedAt = unacknowledges ? null : c.AcknowledgedAt,
                Deadlines = unacknowledges ? Reopen(c.Deadlines, MilestoneNames.Acknowledgement, updated.SentAt!.Value)
                    : uncontacts ? Reopen(c.Deadlines, MilestoneNames.FirstContact, updated.SentAt!.Value)
                    : c.Deadlines,
            })
            .Record(EventTypes.NotReached, Actors.System, eventData);
    }

    /// <summary>The notice asked for on the other channel because of <paramref name="failed"/>, while it waits to be sent.</summary>
    public static Notification? PendingFallback(Complaint complaint, Notification failed) =>
        complaint.Notifications.FirstOrDefault(n => n.Kind == failed.Kind && n.Channel != failed.Channel && n.Recipient is null
            && n.RequestedAt >= failed.RequestedAt && !n.IsSettled);

    /// <summary>
    /// The same notice on the other channel, unless the customer has none or already has one there (which stops an
    /// email that bounced and a text that failed from asking for each other for ever).
    /// </summary>
    private static Notification? FallbackFor(Complaint complaint, Notification failed, DateTimeOffset now)
    {
        NotificationChannel? other = failed.Channel switch
        {
            NotificationChannel.Email when complaint.Contact.Phone is not null => NotificationChannel.Sms,
            NotificationChannel.Sms when complaint.Contact.Email is not null => NotificationChannel.Email,
            _ => null,
        };
        if (other is not { } channel || complaint.Notifications.Any(n => n.Kind == failed.Kind && n.Channel == channel))
        {
            return null;
        }

        return Notices.New(complaint, failed.Kind, channel, now, data: failed.Data);
    }

    /// <summary>The clocks this notice met (by <paramref name="milestone"/>, when it was sent) run again from their original due times.</summary>
    private static IReadOnlyList<Deadline> Reopen(IReadOnlyList<Deadline> deadlines, string milestone, DateTimeOffset metAt) =>
        [.. deadlines.Select(d => d.MetBy == milestone && d.MetAt == metAt ? d with { MetAt = null } : d)];
}
