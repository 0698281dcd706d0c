namespace ComplaintFlow.Core.Poison;

/// <summary>
/// Why a queue message was given up on: which function, what failed (the exception type and the provider's or
/// storage's status code), after how many deliveries, and when. Ids and codes only, never personal data.
/// </summary>
public sealed record DeliveryFailure
{
    public required string Function { get; init; }
    public required string Error { get; init; }
    public int? Status { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}

/// <summary>
/// What a poison queue holds when the handler gave up itself: the original message text, unchanged, and the reason.
/// A message the host moved on its own (it cannot decode it, or parking failed) holds the original text alone.
/// </summary>
public sealed record ParkedMessage(string Message, DeliveryFailure Reason);

/// <summary>One message in a poison queue, as a supervisor sees it.</summary>
public sealed record PoisonItem
{
    public required string Id { get; init; }
    public DateTimeOffset? PoisonedAt { get; init; }

    /// <summary>The complaint the message is about, when it names one (queue messages carry ids, not content).</summary>
    public string? ComplaintId { get; init; }
    public string? NotificationId { get; init; }

    /// <summary>Null when the host moved the message without a reason.</summary>
    public DeliveryFailure? Reason { get; init; }
}

/// <summary>The outcome of a replay: the poison message ids put back on their queue.</summary>
public sealed record ReplayReport(string Queue, IReadOnlyList<string> Replayed, bool DryRun);

/// <summary>
/// The <c>&lt;queue&gt;-poison</c> queues: park a message with its reason, list them, and replay them to their queue.
/// Replay puts the original message back first and removes it from poison second, so a crash in between replays it
/// twice, which the idempotent handlers make harmless.
/// </summary>
public interface IPoisonQueues
{
    /// <summary>The queues whose poison queue can be listed and replayed.</summary>
    IReadOnlyList<string> Queues { get; }

    Task ParkAsync(string queue, string message, DeliveryFailure reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<PoisonItem>> ListAsync(string queue, CancellationToken cancellationToken);

    /// <param name="id">One poison message, or null for all of them.</param>
    Task<ReplayReport> ReplayAsync(string queue, string? id, bool dryRun, CancellationToken cancellationToken);
}
