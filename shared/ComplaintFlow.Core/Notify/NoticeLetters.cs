using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// What one notice says on its channel, exactly as Notify sends it: the email's subject, text and HTML from the
/// template of the customer's language, or the text message's words. Notify and the desk's preview ("Resolve and
/// send") both write letters here, so the preview is the letter.
/// </summary>
public sealed class NoticeLetters(NotificationComposer composer, SmsComposer sms)
{
    /// <returns>For an SMS notice only <see cref="ComposedNotice.Text"/> is the message (subject and HTML are empty).</returns>
    public ComposedNotice Write(Complaint complaint, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);

        // A one-time code has no letter: SmsComposer writes its text alone, computing the code at send time.
        var notice = notification.Kind == NotificationKind.AccessCode
            ? new ComposedNotice(string.Empty, string.Empty, string.Empty)
            : composer.Compose(complaint, notification);
        return notification.Channel == NotificationChannel.Sms
            ? notice with { Subject = string.Empty, Text = sms.NoticeText(complaint, notification, notice), Html = string.Empty }
            : notice;
    }
}
