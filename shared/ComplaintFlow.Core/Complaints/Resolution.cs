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

/// <summary>
/// Redress offered to the customer, and whether they accepted it. Above the recorder's limit it waits for a
/// supervisor's approval (<see cref="Approval"/>); only one that needed none or was approved is redress: told to the
/// customer and counted on the dashboard.
/// </summary>
public sealed record Compensation
{
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; init; }
    public required string Reason { get; init; }
    public bool Accepted { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Compensation recorded before approvals existed reads as <see cref="CompensationApproval.NotNeeded"/>.</summary>
    public CompensationApproval Approval { get; init; } = CompensationApproval.NotNeeded;

    /// <summary>The supervisor who approved or rejected it, when, and (for a rejection) why.</summary>
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }

    /// <summary>Within the recorder's limit or approved: real redress. Awaiting or rejected compensation is neither told nor counted.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Granted => Approval is CompensationApproval.NotNeeded or CompensationApproval.Approved;
}

/// <summary>Where a compensation stands with the four-eyes rule.</summary>
public enum CompensationApproval
{
    /// <summary>Within the recorder's limit for its currency.</summary>
    NotNeeded,

    /// <summary>Above the recorder's limit: a supervisor (not the recorder) approves or rejects it.</summary>
    Awaiting,
    Approved,
    Rejected,
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
