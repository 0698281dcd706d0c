namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// How a complaint was resolved: the written answer the customer receives, the root cause from the configured
/// taxonomy, what we changed so it does not happen again, and who signed it off.
/// </summary>
public sealed record Resolution
{
    public required string Text { get; init; }
    public required string RootCause { get; init; }
    public string? CorrectiveAction { get; init; }
    public required string ResolvedBy { get; init; }
    public required DateTimeOffset ResolvedAt { get; init; }

    /// <summary>Secret part of the survey link sent with this resolution; one answer per resolution.</summary>
    public required string SurveyToken { get; init; }
}

/// <summary>Redress offered to the customer, and whether they accepted it.</summary>
public sealed record Compensation
{
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; init; }
    public required string Reason { get; init; }
    public bool Accepted { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The customer's answer to the satisfaction survey after a resolution.</summary>
public sealed record SurveyAnswer
{
    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public required int Score { get; init; }
    public string? Comment { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
    public required string SurveyToken { get; init; }
}
