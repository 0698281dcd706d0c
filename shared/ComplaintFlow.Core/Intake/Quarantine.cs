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

    public required DateTimeOffset ReceivedAt { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
}

public interface IQuarantine
{
    Task<QuarantinedPayload> HoldAsync(string channel, string reason, string? detail, RawPayload payload, CancellationToken cancellationToken);

    /// <summary>The newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<QuarantinedPayload>> ListAsync(int max, CancellationToken cancellationToken);
}

public static class QuarantineReasons
{
    public const string InvalidSubmission = "invalid-submission";
    public const string SenderNotPhoneNumber = "sender-not-a-phone-number";

    /// <summary>A text naming a complaint's reference from a number that is not that complaint's: staff decide.</summary>
    public const string ReferenceFromOtherNumber = "reference-from-other-number";
}
