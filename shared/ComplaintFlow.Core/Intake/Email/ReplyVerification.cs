using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// Only the customer speaks for their complaint. A reference in a subject is no proof of anything (anyone can type
/// one), so a mail naming a complaint is taken as the customer's reply only when it comes from the contact's mailbox
/// (<see cref="ContactEmail.IsSameMailbox"/>: case, plus-tags and ignored dots aside) or was sent to the signed reply
/// address we issued for that complaint (<see cref="ReplyAddresses"/>), which only someone who read our notice knows.
/// </summary>
public sealed class ReplyVerification(ReplyAddresses replyAddresses)
{
    public bool SpeaksFor(Complaint complaint, InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(email);
        return ContactEmail.IsSameMailbox(email.From, complaint.Contact.Email)
            || replyAddresses.AnyIssuedFor(complaint.Id, email.To.Concat(email.Cc));
    }
}
