namespace ComplaintFlow.Core.Complaints;

/// <summary>What a customer may see of their complaint: no internal notes, scores or staff names.</summary>
/// <remarks>
/// Each date comes as an instant and as the text the customer's letters use (<see cref="CustomerTime"/>): the status
/// page shows the text, so it says exactly what the acknowledgement said, in the same zone and words.
/// </remarks>
public sealed record CustomerStatus
{
    public required string Reference { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Channel { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The first-response deadline the desk is held to (<see cref="CustomerPromise.FirstResponseBy"/>).</summary>
    public DateTimeOffset? ReplyBy { get; init; }
    public DateTimeOffset? ResolveBy { get; init; }

    /// <summary>The statutory limit for our final answer, where a regulator sets one.</summary>
    public DateTimeOffset? StatutoryBy { get; init; }

    /// <summary>When it was resolved (resolved and closed complaints show this instead of the targets).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Subject { get; init; }

    /// <summary>IANA zone the texts are written in.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The same dates written for the customer: <c>receivedAt</c>, <c>replyBy</c>, <c>resolveBy</c>, <c>statutoryBy</c>, <c>resolvedAt</c>.</summary>
    public required IReadOnlyDictionary<string, string> Dates { get; init; }

    public static CustomerStatus Of(Complaint complaint, string defaultZone)
    {
        var promise = CustomerPromise.Of(complaint);
        var zone = CustomerTime.ZoneOf(complaint, defaultZone);
        var resolved = complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed ? complaint.Resolution?.ResolvedAt : null;
        var dates = new Dictionary<string, string>();
        void Add(string key, DateTimeOffset? at)
        {
            if (at is { } value)
            {
                dates[key] = CustomerTime.Format(value, complaint.Language, zone);
            }
        }

        Add("receivedAt", complaint.ReceivedAt);
        Add("replyBy", promise.FirstResponseBy);
        Add("resolveBy", promise.ResolveBy);
        Add("statutoryBy", promise.StatutoryBy);
        Add("resolvedAt", resolved);
        return new()
        {
            Reference = complaint.Reference,
            Status = complaint.Status switch
            {
                ComplaintStatus.Received or ComplaintStatus.Open => "in-progress",
                ComplaintStatus.WaitingOnCustomer => "waiting-on-you",
                ComplaintStatus.Resolved => "resolved",
                _ => "closed",
            },
            ReceivedAt = complaint.ReceivedAt,
            Channel = complaint.Channel.ToString().ToLowerInvariant(),
            AcknowledgedAt = complaint.AcknowledgedAt,
            ReplyBy = promise.FirstResponseBy,
            ResolveBy = promise.ResolveBy,
            StatutoryBy = promise.StatutoryBy,
            ResolvedAt = resolved,
            Subject = complaint.Subject,
            TimeZone = zone.Id,
            Dates = dates,
        };
    }
}
