using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>
/// A long story arrives as several texts, and a customer often adds a detail a minute later: a text joins the
/// complaint the same number opened recently instead of opening a second one, while that complaint is still open.
/// </summary>
public sealed class SmsThreadingPolicy(SmsOptions options)
{
    /// <param name="status">Status of the number's most recent complaint.</param>
    /// <param name="lastTextAt">When that complaint last received a text from the number.</param>
    /// <param name="receivedAt">When the new text was received.</param>
    public bool JoinsExisting(ComplaintStatus status, DateTimeOffset lastTextAt, DateTimeOffset receivedAt) =>
        status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed)
        && (receivedAt - lastTextAt).Duration() <= options.JoinWindow;
}
