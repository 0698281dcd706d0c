namespace ComplaintFlow.Core.Complaints;

public enum SentimentLabel
{
    Positive,
    Neutral,
    Negative,
    Mixed,
}

/// <summary>The same shape whichever analyzer produced it. Scores are confidences in 0..1 summing to about 1.</summary>
public sealed record SentimentResult
{
    public required string DocumentId { get; init; }
    public required SentimentLabel Label { get; init; }
    public required double Positive { get; init; }
    public required double Neutral { get; init; }
    public required double Negative { get; init; }

    /// <summary>One score in -1..1 (negative..positive), when the analyzer has one; Azure's is positive minus negative.</summary>
    public double? Compound { get; init; }

    /// <summary>The language the analyzer used or detected.</summary>
    public string? Language { get; init; }

    /// <summary>Which analyzer produced it (a fallback is visible here).</summary>
    public required string Analyzer { get; init; }

    /// <summary>What the analyzer did that a reader should know (truncated, fallback, empty text...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
