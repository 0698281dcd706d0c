namespace ComplaintFlow.Core.Complaints;

/// <summary>A later message from the customer about an open complaint: an email reply or another text.</summary>
public sealed record CustomerReply
{
    /// <summary>The channel's message id (Message-ID, MessageSid): a redelivered webhook is recognised by it.</summary>
    public required string MessageId { get; init; }
    public required Channel Channel { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Text { get; init; }

    /// <summary>
    /// Who sent it: the sender's address or number as received, shown to staff beside every message. It is the
    /// contact's own, or (email) anyone who replied to the complaint's signed reply address. Null on replies recorded
    /// before it was kept.
    /// </summary>
    public string? From { get; init; }

    /// <summary>Blob name of the raw payload the reply came in.</summary>
    public string? RawPayload { get; init; }

    /// <summary>
    /// Hash of what the message said (email: <c>InboundEmail.ContentHash</c>), so a message id reused for other
    /// content is told from a redelivery; null on replies recorded before it was kept, and on other channels.
    /// </summary>
    public string? ContentHash { get; init; }
}

/// <summary>A file the customer sent with a complaint or a reply; the content is in Blob under <see cref="BlobName"/>.</summary>
public sealed record ComplaintAttachment(string Name, string ContentType, long Size, string BlobName);

/// <summary>
/// A file the customer sent that was not kept: over the attachment limits, not at the provider's own media address,
/// or not fetchable. Shown to staff beside the attachments, so they know evidence was sent and can ask for it again.
/// </summary>
/// <param name="Key">The file among everything the customer sent (message and position): recorded once, however often it is tried.</param>
/// <param name="Reason">A stable code: <c>over-limit</c>, <c>not-provider-host</c>, <c>not-fetchable</c>.</param>
public sealed record AttachmentNotKept(string Key, string Name, string? ContentType, string Reason, DateTimeOffset At);
