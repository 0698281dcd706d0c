namespace ComplaintFlow.Core.Intake.Email;

public enum InboundEmailMode
{
    /// <summary>SendGrid posted the message already split into fields (<c>from</c>, <c>text</c>, <c>html</c>...).</summary>
    Parsed,

    /// <summary>SendGrid posted the full MIME message in the <c>email</c> field.</summary>
    Raw,
}

/// <summary>An email as it reached the inbound webhook, read and decoded, before any decision is taken on it.</summary>
public sealed record InboundEmail
{
    public required InboundEmailMode Mode { get; init; }

    /// <summary>The Message-Id header without angle brackets, or <c>sha256:...</c> of the content when it has none.</summary>
    public required string MessageId { get; init; }

    /// <summary>
    /// Lower-cased sender address; empty when the mail names no usable sender (a null <c>&lt;&gt;</c> as bounces
    /// write, no From at all, or no address in it): the classifier decides what such mail is, never the parser.
    /// </summary>
    public required string From { get; init; }
    public string? FromName { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    public IReadOnlyList<string> Cc { get; init; } = [];
    public string? Subject { get; init; }

    /// <summary>The whole plain-text body: text/plain when there is one, otherwise the HTML converted to text.</summary>
    public required string Body { get; init; }

    /// <summary>What the customer wrote this time: the body without quoted replies and signature.</summary>
    public required string ComplaintText { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// SHA-256 of what the mail says (sender, subject, body, attachments), so a Message-ID reused for other
    /// content is told from a redelivery of the same mail. Decoded content, not the post's bytes: a retried post
    /// may come with another multipart boundary.
    /// </summary>
    public string ContentHash { get; init; } = string.Empty;

    /// <summary>Message ids (without angle brackets) from In-Reply-To then References, most direct first.</summary>
    public IReadOnlyList<string> ReplyToMessageIds { get; init; } = [];

    public required EmailLoopSignals LoopSignals { get; init; }

    /// <summary>SendGrid's SpamAssassin score when spam checking is on for the parse setting.</summary>
    public double? SpamScore { get; init; }

    /// <summary>Things read with a fallback (an unknown charset, an unreadable field); kept for the portal, never fatal.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record EmailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content)
{
    public long Size => Content.Length;

    /// <summary>The subject of an attached mail (<c>message/rfc822</c>, kept as .eml), so staff see what it is.</summary>
    public string? Subject { get; init; }
}

/// <summary>Header facts that mark mail written by a machine: answering it would start a mail loop.</summary>
public sealed record EmailLoopSignals
{
    /// <summary><c>Auto-Submitted</c> value other than <c>no</c> (RFC 3834).</summary>
    public string? AutoSubmitted { get; init; }

    /// <summary>An <c>X-Autoreply</c>, <c>X-Autorespond</c> or <c>X-Auto-Response</c> header is present.</summary>
    public bool AutoReplyHeader { get; init; }

    /// <summary><c>Precedence</c> header value (bulk, junk, list, auto_reply).</summary>
    public string? Precedence { get; init; }

    /// <summary>
    /// The message body's media type, e.g. <c>multipart/report; report-type=delivery-status</c> for a bounce
    /// (RFC 3464). In raw mode it is read from the body entity: MimeKit keeps Content-* headers there, not in the
    /// message's headers.
    /// </summary>
    public string? ContentType { get; init; }

    /// <summary>Media types of every part of the message (raw mode) or of every posted attachment (parsed mode).</summary>
    public IReadOnlyList<string> PartTypes { get; init; } = [];

    /// <summary>The first <c>Action</c> of a delivery status part (RFC 3464 §2.3.3: failed, delayed, delivered...).</summary>
    public string? DeliveryAction { get; init; }

    /// <summary>
    /// The text of a report's delivery status and returned-headers parts (bounded), so a bounce of one of our notices
    /// can be matched to it by Message-ID (<see cref="NoticeBounces"/>).
    /// </summary>
    public string? DeliveryReport { get; init; }

    /// <summary><c>X-Apple-Action</c>: Apple's iCloud mail writes <c>VACATION</c> on its vacation replies.</summary>
    public string? AppleAction { get; init; }

    /// <summary>The envelope sender is empty (<c>&lt;&gt;</c>): only bounces and auto-replies use a null sender.</summary>
    public bool NullEnvelopeSender { get; init; }
}
