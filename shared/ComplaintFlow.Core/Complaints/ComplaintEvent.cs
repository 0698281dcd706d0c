namespace ComplaintFlow.Core.Complaints;

/// <summary>One entry of a complaint's append-only history, stored with the state it produced.</summary>
public sealed record ComplaintEvent
{
    public required int Sequence { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>Who caused it: <c>customer</c>, <c>system</c>, or a staff member's user id.</summary>
    public required string Actor { get; init; }

    /// <summary>What a person reading the timeline needs; never the complaint text or contact details.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
}

public static class EventTypes
{
    public const string Received = "received";

    /// <summary>A complaint taken by phone or in person was read back to the caller, who confirmed it (复述确认).</summary>
    public const string ReadBack = "read-back";
    public const string Scored = "scored";
    public const string Notified = "notified";
    public const string NotificationFailed = "notification-failed";

    /// <summary>A notice did not reach the customer (not sent, bounced, dropped, undelivered), with its reason.</summary>
    public const string NotReached = "not-reached";

    /// <summary>A provider's delivery report that changes nothing for the customer (delivered, deferred).</summary>
    public const string Delivery = "delivery";

    /// <summary>A customer asked for a one-time code to read the written resolution online (the code is not in the history).</summary>
    public const string AccessCodeRequested = "access-code-requested";

    /// <summary>The customer confirmed their number with the code and read the written resolution online.</summary>
    public const string ResolutionRead = "resolution-read";
    public const string Assigned = "assigned";
    public const string Note = "note";
    public const string Paused = "paused";
    public const string Resumed = "resumed";

    /// <summary>A supervisor moved the running clocks onto a changed business calendar.</summary>
    public const string Recalculated = "recalculated";
    /// <summary>The priority changed (a member of staff's decision): internal clocks planned again, with the reason.</summary>
    public const string PriorityChanged = "priority-changed";
    public const string Warned = "warned";
    public const string Escalated = "escalated";
    public const string HoldingNotice = "holding-notice";
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";
    public const string Survey = "survey";
    public const string CustomerReply = "customer-reply";

    /// <summary>A file the customer sent (an MMS picture) was not kept, with the reason: see <see cref="AttachmentNotKept"/>.</summary>
    public const string AttachmentNotKept = "attachment-not-kept";
    public const string Exported = "exported";
    public const string Erased = "erased";
}

public static class Actors
{
    public const string Customer = "customer";
    public const string System = "system";
}
