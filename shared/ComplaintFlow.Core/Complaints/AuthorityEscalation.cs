namespace ComplaintFlow.Core.Complaints;

/// <summary>An escalation by authority waiting for a supervisor: who raised it, when and why.</summary>
public sealed record AuthorityEscalation
{
    /// <summary>The reason the system gives when triage finds a threat of violence (routed to supervisors at once).</summary>
    public const string ThreatOfViolence = "threat-of-violence";

    public required string Reason { get; init; }
    public string? Note { get; init; }
    public required string RaisedBy { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
}
