using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Desk;

/// <summary>One notice as the customer will get it.</summary>
/// <param name="Channel"><c>email</c> or <c>sms</c>.</param>
/// <param name="Subject">Empty for a text message.</param>
/// <param name="Text">The email's plain text (its HTML part says the same, line for line) or the text message.</param>
public sealed record PreviewedLetter(string Kind, string Channel, string? To, string Subject, string Text);

/// <summary>
/// The letters an action would send, written before it is taken: the desk's own rule decides the change on the
/// complaint as the page read it (so a refusal is the same refusal), and <see cref="NoticeLetters"/>, which Notify
/// sends from, writes each new notice. Nothing is saved. "Resolve and send" shows these and asks to confirm; the
/// confirmation is made against the same version (<c>If-Match</c>), so a change since makes it stale instead of
/// sending a letter nobody saw.
/// </summary>
public sealed class LetterPreview(ComplaintDesk desk, CustomerContacts contacts, NoticeLetters letters)
{
    /// <summary>The written resolution on each channel it goes by (the survey follows once it is sent).</summary>
    public IReadOnlyList<PreviewedLetter> Resolution(Complaint complaint, StaffMember staff, ResolutionInput input, DateTimeOffset now) =>
        Letters(complaint, desk.Resolve(complaint, staff, input, surveyToken: string.Empty, now));

    public IReadOnlyList<PreviewedLetter> InterimReply(Complaint complaint, StaffMember staff, InterimReplyInput input, DateTimeOffset now) =>
        Letters(complaint, contacts.SendInterimReply(complaint, staff, input, now));

    private List<PreviewedLetter> Letters(Complaint before, ComplaintChange change)
    {
        var state = change.State;
        return [.. Notices.Added(before, state)
            .Select(id => state.Notifications.First(n => n.Id == id))
            .Select(n =>
            {
                var letter = letters.Write(state, n);
                var email = n.Channel == NotificationChannel.Email;
                return new PreviewedLetter(
                    n.Kind.ToString().ToLowerInvariant(),
                    email ? ContactMethods.Email : ContactMethods.Sms,
                    email ? state.Contact.Email : state.Contact.Phone,
                    letter.Subject,
                    letter.Text);
            })];
    }
}
