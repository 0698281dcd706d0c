namespace ComplaintFlow.Core.Deadlines;

/// <summary>One clock running on a complaint: an internal SLA target or a statutory limit.</summary>
public sealed record Deadline
{
    /// <summary>What must happen by then: <c>acknowledge</c>, <c>resolve</c>, ...</summary>
    public required string Kind { get; init; }

    /// <summary><c>internal</c> for our own SLA, otherwise the regulatory profile whose clock this is.</summary>
    public required string Clock { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? MetAt { get; init; }

    public bool IsOpen => MetAt is null;
}
