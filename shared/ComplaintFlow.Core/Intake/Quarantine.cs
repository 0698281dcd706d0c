namespace ComplaintFlow.Core.Intake;

/// <summary>
/// An inbound payload held for a person to look at: spam, or something a provider would redeliver forever if we
/// refused it. Answered 2xx, never dropped, listed in the portal for supervisors.
/// </summary>
public sealed record QuarantinedPayload
{
    /// <summary>Blob name of the payload as received.</summary>
    public required string BlobName { get; init; }

    /// <summary><c>email</c>, <c>sms</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>A stable code: <c>spam-score</c>, <c>invalid-submission</c>, <c>sender-not-a-phone-number</c>...</summary>
    public required string Reason { get; init; }

    /// <summary>What a person needs to judge it (the fields at fault); never the customer's text or address.</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// Who sent it (address or number), when the hold is about who sent it: a reply naming a complaint from someone
    /// who is not its contact. Staff compare it with the complaint's contact.
    /// </summary>
    public string? Sender { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }

    /// <summary>What a supervisor decided about it (released into a complaint, or discarded); null while it is held.</summary>
    public QuarantineDecision? Decision { get; init; }
}

/// <summary>A supervisor's decision on a held payload; the first one made stands.</summary>
public sealed record QuarantineDecision
{
    public const string Released = "released";
    public const string Discarded = "discarded";

    /// <summary><see cref="Released"/> or <see cref="Discarded"/>.</summary>
    public required string Action { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>Why it was discarded (required), or a note on the release.</summary>
    public string? Reason { get; init; }

    /// <summary>The complaint it was released into (opened or appended to).</summary>
    public string? ComplaintId { get; init; }
}

public interface IQuarantine
{
    /// <param name="sender">Shown to staff when the sender is why it is held (<see cref="QuarantinedPayload.Sender"/>); else null.</param>
    Task<QuarantinedPayload> HoldAsync(string channel, string reason, string? detail, string? sender, RawPayload payload, CancellationToken cancellationToken);

    /// <summary>The newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<QuarantinedPayload>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>The held payload with this blob name, or null.</summary>
    Task<QuarantinedPayload?> FindAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>
    /// Records a decision unless one was made already (then that one stands and is returned): safe to repeat, and of
    /// two people deciding at once, the first wins. The payload is kept as received either way.
    /// </summary>
    Task<QuarantineDecision> DecideAsync(string blobName, QuarantineDecision decision, CancellationToken cancellationToken);
}

public static class QuarantineReasons
{
    public const string InvalidSubmission = "invalid-submission";
    public const string SenderNotPhoneNumber = "sender-not-a-phone-number";

    /// <summary>A text naming a complaint's reference from a number that is not that complaint's: staff decide.</summary>
    public const string ReferenceFromOtherNumber = "reference-from-other-number";

    /// <summary>
    /// A mail naming a complaint from an address that is not its contact's and without the complaint's reply token:
    /// not appended (it could be anyone); it opens a complaint of its own, as a mail naming an unknown reference does,
    /// and is held so staff can attach it if it was the customer after all.
    /// </summary>
    public const string ReplyFromOtherSender = "reply-from-other-sender";
}
