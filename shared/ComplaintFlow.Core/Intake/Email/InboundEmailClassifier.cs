using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Intake.Email;

public enum InboundEmailAction
{
    /// <summary>Open a complaint from this mail.</summary>
    NewComplaint,

    /// <summary>Append to the complaint in <see cref="InboundEmailDecision.ComplaintId"/> (and resume its paused clock).</summary>
    Reply,

    /// <summary>Machine mail (bounce, report, auto-reply, our own): no complaint, no acknowledgement. Raw payload still kept.</summary>
    Ignore,

    /// <summary>Held for a person to review in the portal; never dropped.</summary>
    Quarantine,
}

/// <summary>What to do with an inbound mail. <see cref="Reason"/> is a stable code for logs and the portal.</summary>
public sealed record InboundEmailDecision(InboundEmailAction Action, string Reason)
{
    public string? ComplaintId { get; init; }
}

public static class InboundEmailReasons
{
    public const string OwnAddress = "own-address";
    public const string Bounce = "bounce";
    public const string Delay = "delay";
    public const string FeedbackReport = "feedback-report";
    public const string ReadReceipt = "read-receipt";
    public const string AutoReply = "auto-reply";
    public const string ChallengeResponse = "challenge-response";
    public const string NullSender = "null-sender";
    public const string NoSender = "no-sender";
    public const string Bulk = "bulk";
    public const string Spam = "spam-score";
    public const string AttachmentsOverLimit = "attachments-over-limit";
    public const string ReplyAddress = "reply-address";
    public const string ReferenceInSubject = "reference-in-subject";
    public const string ReplyToNotice = "reply-to-notice";
    public const string ReferenceInBody = "reference-in-body";
    public const string New = "new";
}

/// <summary>
/// Decides what an inbound mail is. Loop protection comes first (our own mail, then <see cref="MachineMail"/>:
/// reports, bounces, auto-replies) so no machine can make us write back to it; then mail we cannot answer or that
/// was sent to many (held for a person); then the spam hold; then threading, which prefers the signed reply address
/// of a complaint, then the reference the customer sees (subject) over the Message-ID chain over a reference
/// anywhere in the body.
/// A reply to a reference we do not know is the caller's to detect (it needs the store): it should open a new complaint.
/// </summary>
public sealed partial class InboundEmailClassifier(InboundEmailOptions options, NotifyOptions notify)
{
    // "list" and "bulk" are newsletters and mailing lists a person may still need to read (a regulator's circular,
    // a customer's group mail): held for staff rather than dropped. "auto_reply" is a machine and MachineMail's.
    private static readonly string[] BulkPrecedence = ["bulk", "junk", "list"];

    public InboundEmailDecision Classify(InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.From.Length > 0 && IsOwnAddress(email.From))
        {
            return new(InboundEmailAction.Ignore, InboundEmailReasons.OwnAddress);
        }

        if (MachineMail.Recognise(email) is { } machine)
        {
            return new(InboundEmailAction.Ignore, machine);
        }

        // A person's mail we cannot answer: a person reads it before anything is opened in nobody's name.
        if (email.From.Length == 0)
        {
            return new(InboundEmailAction.Quarantine, InboundEmailReasons.NoSender);
        }

        if (email.LoopSignals.Precedence is { } precedence && BulkPrecedence.Contains(precedence, StringComparer.OrdinalIgnoreCase))
        {
            return new(InboundEmailAction.Quarantine, InboundEmailReasons.Bulk);
        }

        // Before anything is written per attachment: a mail of 200 files would otherwise be 200 blob writes.
        if (!options.AttachmentsFit(email.Attachments.Count, email.Attachments.Sum(a => a.Size)))
        {
            return new(InboundEmailAction.Quarantine, InboundEmailReasons.AttachmentsOverLimit);
        }

        if (email.SpamScore >= options.SpamScoreThreshold)
        {
            return new(InboundEmailAction.Quarantine, InboundEmailReasons.Spam);
        }

        // Sent to the signed reply address of one complaint: no reference needed, and none can outrank it.
        if (new ReplyAddresses(notify).ComplaintOf(email.To.Concat(email.Cc)) is { } fromReplyAddress)
        {
            return new(InboundEmailAction.Reply, InboundEmailReasons.ReplyAddress) { ComplaintId = fromReplyAddress };
        }

        if (FindReference(email.Subject) is { } fromSubject)
        {
            return new(InboundEmailAction.Reply, InboundEmailReasons.ReferenceInSubject) { ComplaintId = fromSubject };
        }

        if (email.ReplyToMessageIds.Select(ComplaintOfNotice).FirstOrDefault(id => id is not null) is { } fromHeaders)
        {
            return new(InboundEmailAction.Reply, InboundEmailReasons.ReplyToNotice) { ComplaintId = fromHeaders };
        }

        if (FindReference(email.Body) is { } fromBody)
        {
            return new(InboundEmailAction.Reply, InboundEmailReasons.ReferenceInBody) { ComplaintId = fromBody };
        }

        return new(InboundEmailAction.NewComplaint, InboundEmailReasons.New);
    }

    /// <summary>The complaint id in the first <c>CF-XXXXX-XXXXX</c> reference of the text, if any.</summary>
    public static string? FindReference(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (Match match in Reference().Matches(text))
        {
            if (ComplaintId.TryParse(match.Groups["first"].Value + match.Groups["second"].Value, out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// Our notices carry Message-ID <c>&lt;{notificationId}@{MessageIdDomain}&gt;</c> and a notification id starts
    /// with the complaint id and a dash, so a reply's In-Reply-To/References name the complaint without a lookup.
    /// </summary>
    public string? ComplaintOfNotice(string messageId)
    {
        var at = messageId.LastIndexOf('@');
        if (at <= 0 || !messageId[(at + 1)..].Equals(notify.MessageIdDomain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var dash = messageId.IndexOf('-', StringComparison.Ordinal);
        var prefix = dash > 0 && dash < at ? messageId[..dash] : messageId[..at];
        return prefix.Length == ComplaintId.Length && ComplaintId.TryParse(prefix, out var id) ? id : null;
    }

    private bool IsOwnAddress(string from) =>
        from.Equals(notify.FromEmail, StringComparison.OrdinalIgnoreCase)
        || options.OwnAddresses.Any(own => from.Equals(own.Trim(), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?<![A-Za-z0-9])CF-?(?<first>[0-9A-Za-z]{5})-?(?<second>[0-9A-Za-z]{5})(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
