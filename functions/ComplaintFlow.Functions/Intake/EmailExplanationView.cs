using ComplaintFlow.Core.Intake.Email;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// One mail explained, as <c>scripts/explain-email</c> prints it and the desk's held-mail page shows it: the same
/// fields from the same decision (<see cref="InboundEmailIntake.ExplainAsync"/>), so the two always agree.
/// </summary>
public sealed record EmailExplanationView(
    string Outcome,
    string Reason,
    string? Reference,
    string? Sender,
    string? Subject,
    string? Text,
    string? Language,
    IReadOnlyList<EmailAttachmentView> Attachments)
{
    public static EmailExplanationView Of(InboundEmail email, InboundEmailExplanation explained) => new(
        InboundAnswers.Outcome(explained.Outcome.Kind.ToString()),
        explained.Outcome.Reason,
        InboundAnswers.Reference(explained.Outcome.ComplaintId),
        email.From,
        email.Subject,
        explained.Text,
        explained.Language,
        [.. email.Attachments.Select(a => new EmailAttachmentView(a.FileName, a.ContentType, a.Size, a.Subject))]);

    /// <summary>The webhook's 400: the post is not a message at all; <paramref name="field"/> says what is wrong.</summary>
    public static EmailExplanationView Refused(string field) => new("refused", field, null, null, null, null, null, []);

    /// <summary>A reply whose complaint could not be looked up: its outcome is not known.</summary>
    public static EmailExplanationView Unknown(string reason) => new("unknown", reason, null, null, null, null, null, []);
}

public sealed record EmailAttachmentView(string Name, string ContentType, long Size, string? Subject);
