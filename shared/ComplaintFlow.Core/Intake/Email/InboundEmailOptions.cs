using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary><c>ComplaintFlow:InboundEmail</c>.</summary>
public sealed class InboundEmailOptions
{
    public const string Section = "ComplaintFlow:InboundEmail";

    /// <summary>SendGrid refuses mail above 30 MB, so a larger post is not SendGrid's: 413.</summary>
    [Range(1_024, 31_457_280)]
    public int MaxBodyBytes { get; set; } = 31_457_280;

    /// <summary>
    /// Most attachments one mail may bring; a mail with more is held for staff (<c>attachments-over-limit</c>) with
    /// nothing but its raw payload stored, rather than one blob written per attachment.
    /// </summary>
    [Range(0, 1_000)]
    public int MaxAttachments { get; set; } = 20;

    /// <summary>Most bytes all of one mail's attachments may add up to (decoded); above it the mail is held the same way.</summary>
    [Range(0, 31_457_280)]
    public long MaxAttachmentBytes { get; set; } = 26_214_400;

    /// <summary>
    /// Whether files from one message fit the limits above: the one rule for every channel's attachments (an email's,
    /// a picture message's media).
    /// </summary>
    public bool AttachmentsFit(int count, long bytes) => count <= MaxAttachments && bytes <= MaxAttachmentBytes;

    /// <summary>SpamAssassin score at or above which mail is held for review instead of opening a complaint.</summary>
    [Range(0.0, 100.0)]
    public double SpamScoreThreshold { get; set; } = 5.0;

    /// <summary>Addresses that are ours besides <c>Notify:FromEmail</c> (aliases, the parse domain's catch-all).</summary>
    public IList<string> OwnAddresses { get; set; } = [];

    /// <summary>Optional basic-auth user name set on the Inbound Parse URL (https://user:password@host/...).</summary>
    public string? WebhookUser { get; set; }

    public string? WebhookPassword { get; set; }

    /// <summary>Optional shared secret given as <c>?key=</c> on the Inbound Parse URL.</summary>
    public string? WebhookKey { get; set; }
}
