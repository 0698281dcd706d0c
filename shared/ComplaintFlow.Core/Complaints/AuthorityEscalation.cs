namespace ComplaintFlow.Core.Complaints;

/// <summary>An escalation by authority waiting for a supervisor: who raised it, when and why.</summary>
public sealed record AuthorityEscalation
{
    public required string Reason { get; init; }
    public string? Note { get; init; }
    public required string RaisedBy { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
}
