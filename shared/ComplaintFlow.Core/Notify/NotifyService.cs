using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake.Sms;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// Sends one recorded notice and records that it was sent. A notice already marked sent is not sent again, so a
/// second delivery of the same queue message is a no-op. The one window for a duplicate is a crash between the
/// provider accepting the message and the <c>notified</c> event being written.
/// </summary>
public sealed class NotifyService(
    IComplaintStore complaints,
    NotificationComposer composer,
    IEmailSender email,
    ISmsSender sms,
    SmsComposer smsComposer,
    NotifyOptions options,
    TimeProvider time)
{
    /// <summary>How long a claim on a notice holds before another delivery may take it over (after a crash).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public async Task HandleAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        // Claim the notice first (ETag-guarded), so two deliveries of the same message never both send it.
        var claimed = false;
        var current = await complaints.UpdateAsync(message.ComplaintId, c => Claim(c, message.NotificationId, out claimed), cancellationToken)
            ?? throw new ComplaintNotFoundException(message.ComplaintId);
        var notification = current.Complaint.Notifications.First(n => n.Id == message.NotificationId);
        if (notification.Status == NotificationStatus.Sent || IsForErasedContact(current.Complaint, notification))
        {
            return;
        }

        if (!claimed)
        {
            throw new NotificationBusyException(message.NotificationId);
        }

        var complaint = current.Complaint;
        var notice = composer.Compose(complaint, notification);
        var tags = new Dictionary<string, string> { ["complaintId"] = complaint.Id, ["notificationId"] = notification.Id };
        string? providerId = notification.Channel switch
        {
            NotificationChannel.Email => await email.SendAsync(
                new EmailMessage
                {
                    To = notification.Recipient ?? complaint.Contact.Email ?? throw new InvalidOperationException($"Complaint {complaint.Id} has no email address."),
                    ToName = notification.Recipient is null ? complaint.Contact.Name : null,
                    Subject = notice.Subject,
                    Text = notice.Text,
                    Html = notice.Html,
                    MessageId = $"<{notification.Id}@{options.MessageIdDomain}>",
                    Tags = tags,
                },
                cancellationToken),
            NotificationChannel.Sms => await sms.SendAsync(
                new SmsMessage(complaint.Contact.Phone ?? throw new InvalidOperationException($"Complaint {complaint.Id} has no phone number."), smsComposer.NoticeText(complaint, notification, notice.Text)) { Tags = tags },
                cancellationToken),
            _ => throw new InvalidOperationException($"Unknown channel {notification.Channel}."),
        };

        await complaints.UpdateAsync(complaint.Id, c => MarkSent(c, notification.Id, providerId), cancellationToken);
    }

    /// <summary>
    /// A notice to the customer of an erased complaint is never sent: the message may have been queued before the
    /// erasure, but the contact is read from the complaint, which no longer has one.
    /// </summary>
    private static bool IsForErasedContact(Complaint complaint, Notification notification) =>
        complaint.ErasedAt is not null && notification.Recipient is null;

    private ComplaintChange? Claim(Complaint complaint, string notificationId, out bool claimed)
    {
        claimed = false;
        var notification = complaint.Notifications.FirstOrDefault(n => n.Id == notificationId)
            ?? throw new InvalidOperationException($"Complaint {complaint.Id} has no notification {notificationId}.");
        var now = time.GetUtcNow();
        if (notification.Status == NotificationStatus.Sent
            || IsForErasedContact(complaint, notification)
            || (notification.Status == NotificationStatus.Sending && notification.ClaimedAt > now - ClaimLease))
        {
            return null;
        }

        claimed = true;
        var claim = notification with { Status = NotificationStatus.Sending, ClaimedAt = now };
        return complaint.Change(now).Apply(c => c with { Notifications = [.. c.Notifications.Select(n => n.Id == notificationId ? claim : n)] });
    }

    private ComplaintChange? MarkSent(Complaint complaint, string notificationId, string? providerId)
    {
        var notification = complaint.Notifications.First(n => n.Id == notificationId);
        if (notification.Status == NotificationStatus.Sent)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var sent = notification with { Status = NotificationStatus.Sent, SentAt = now, ProviderMessageId = providerId };
        var acknowledges = notification.Kind == NotificationKind.Acknowledgement && complaint.AcknowledgedAt is null;
        return complaint.Change(now)
            .Apply(c => c with
            {
                Notifications = [.. c.Notifications.Select(n => n.Id == notificationId ? sent : n)],
                AcknowledgedAt = acknowledges ? now : c.AcknowledgedAt,
                Deadlines = acknowledges ? DeadlineClock.Meet(c.Deadlines, MilestoneNames.Acknowledgement, now) : c.Deadlines,
            })
            .Record(EventTypes.Notified, Actors.System, new Dictionary<string, string>
            {
                ["notificationId"] = notificationId,
                ["kind"] = notification.Kind.ToString(),
                ["channel"] = notification.Channel.ToString(),
            });
    }
}

/// <summary>Another delivery is sending this notice right now; the queue retries this one later.</summary>
public sealed class NotificationBusyException(string notificationId)
    : Exception($"Notification {notificationId} is being sent by another invocation.");
