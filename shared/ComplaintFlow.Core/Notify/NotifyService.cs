using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

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
    NotifyOptions options,
    TimeProvider time)
{
    public async Task HandleAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var current = await complaints.FindAsync(message.ComplaintId, cancellationToken)
            ?? throw new ComplaintNotFoundException(message.ComplaintId);
        var notification = current.Complaint.Notifications.FirstOrDefault(n => n.Id == message.NotificationId)
            ?? throw new InvalidOperationException($"Complaint {message.ComplaintId} has no notification {message.NotificationId}.");
        if (notification.Status == NotificationStatus.Sent)
        {
            return;
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
                new SmsMessage(complaint.Contact.Phone ?? throw new InvalidOperationException($"Complaint {complaint.Id} has no phone number."), notice.Text) { Tags = tags },
                cancellationToken),
            _ => throw new InvalidOperationException($"Unknown channel {notification.Channel}."),
        };

        await complaints.UpdateAsync(complaint.Id, c => MarkSent(c, notification.Id, providerId), cancellationToken);
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
