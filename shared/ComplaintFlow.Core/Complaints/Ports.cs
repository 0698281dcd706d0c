namespace ComplaintFlow.Core.Complaints;

/// <summary>Keeps every inbound payload exactly as received, before anything else is done with it.</summary>
public interface IRawPayloadStore
{
    /// <returns>The name under which the payload was stored.</returns>
    Task<string> SaveAsync(string name, ReadOnlyMemory<byte> payload, string contentType, CancellationToken cancellationToken);

    /// <summary>Deletes the payload; one already deleted is fine.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Sends work to a stage's queue. Messages must be safe to deliver twice.</summary>
public interface IMessageQueue
{
    Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, TimeSpan.Zero, cancellationToken);

    /// <summary>Sends a message that stays invisible for <paramref name="visibleAfter"/> (work to retry later).</summary>
    Task SendAsync<T>(string queueName, T message, TimeSpan visibleAfter, CancellationToken cancellationToken);
}

public static class QueueNames
{
    public const string Intake = "complaints-intake";
    public const string Notifications = "notifications";

    /// <summary>Picture messages' media to fetch from the SMS provider and keep as attachments (Intake).</summary>
    public const string SmsMedia = "sms-media";

    /// <summary>An incident's update or resolution fanned out to its linked complaints, one message per complaint.</summary>
    public const string Incidents = "incidents";
}

/// <summary>Queue message asking Triage to score a recorded complaint.</summary>
public sealed record IntakeMessage(string ComplaintId)
{
    /// <summary>W3C trace context of the request that created the work, so one trace follows the complaint.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The complaint as Intake created it, so Triage need not read it (null: Triage reads it).</summary>
    public CarriedComplaint? Carried { get; init; }
}

/// <summary>Queue message asking Notify to send one notice on one channel.</summary>
public sealed record NotificationMessage(string ComplaintId, string NotificationId)
{
    public string? TraceParent { get; init; }

    /// <summary>The complaint as the stage that queued the notice saved it, so Notify's claim need not read it (null: Notify reads it).</summary>
    public CarriedComplaint? Carried { get; init; }
}
