namespace ComplaintFlow.Core.Notify;

public sealed record EmailMessage
{
    public required string To { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }
    public required string Text { get; init; }
    public required string Html { get; init; }

    /// <summary>Our Message-ID for this notice, so a customer's reply can be threaded back to the complaint.</summary>
    public required string MessageId { get; init; }

    /// <summary>Where replies should go (<see cref="ReplyAddresses"/>); null: to the sender.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The customer's mail this notice answers (<see cref="NoticeThreading"/>), with angle brackets.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The customer's mails in this thread, space-separated, oldest first.</summary>
    public string? References { get; init; }

    /// <summary>Echoed back by the provider in its events; carries ids, never personal data.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Files sent with the mail (the staff reports' CSV); customer notices carry none.</summary>
    public IReadOnlyList<OutgoingAttachment> Attachments { get; init; } = [];
}

/// <summary>A file attached to an email, sent with <c>Content-Disposition: attachment</c>.</summary>
public sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);

public sealed record SmsMessage(string To, string Body)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Our number to send from: the one the customer texted (the complaint's channel address), which also picks the
    /// provider that owns it. Null: the default sender.
    /// </summary>
    public string? From { get; init; }

    /// <summary>
    /// Names this send, so a provider that deduplicates requests (ACS's repeatability headers) sends it once however
    /// often it is asked: the notice id, or the inbound message a keyword answers. Null: no deduplication.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>When this send was first asked for (fixed across retries, as ACS's <c>repeatabilityFirstSent</c> must be).</summary>
    public DateTimeOffset? FirstRequestedAt { get; init; }
}

/// <summary>
/// A sender's "no" that sending again would not change (an opted-out number, a suppressed address, a provider's
/// permanent 4xx): the notice is recorded not sent, with <see cref="Reason"/>, instead of being retried.
/// </summary>
public interface INoticeRefusal
{
    bool IsPermanent { get; }

    /// <summary>Short and free of personal data: <c>sms-opt-out</c>, <c>email-suppressed</c>, <c>twilio-21211</c>.</summary>
    string Reason { get; }
}

/// <summary>We refused to send it ourselves: the recipient asked not to be contacted this way, or cannot be.</summary>
public sealed class NoticeSuppressedException(string reason)
    : Exception($"The notice was not sent: {reason}."), INoticeRefusal
{
    public bool IsPermanent => true;
    public string Reason { get; } = reason;
}

/// <summary>Addresses that bounced hard or reported our mail as spam: they get no email notice.</summary>
public interface IEmailSuppressions
{
    Task<bool> IsSuppressedAsync(string email, CancellationToken cancellationToken);

    /// <param name="reason">What suppressed it (<c>bounce</c>, <c>spamreport</c>), kept as evidence.</param>
    Task SuppressAsync(string email, string reason, CancellationToken cancellationToken);
}

/// <summary>Puts the suppression check in front of the real sender, so no code path mails a suppressed address.</summary>
public sealed class SuppressionRespectingEmailSender(IEmailSender inner, IEmailSuppressions suppressions) : IEmailSender
{
    public async Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await suppressions.IsSuppressedAsync(message.To, cancellationToken)
            ? throw new NoticeSuppressedException("email-suppressed")
            : await inner.SendAsync(message, cancellationToken);
    }
}

/// <summary>Sends one email. Throws when the provider did not accept it, so the queue retries.</summary>
public interface IEmailSender
{
    /// <returns>The provider's id for the accepted message, when it gives one.</returns>
    Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends one text message. Throws when the provider did not accept it, so the queue retries.</summary>
public interface ISmsSender
{
    Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
