namespace ComplaintFlow.Core.Complaints;

/// <summary>How a follow-up (回访) was tried or done.</summary>
public static class FollowUpMethods
{
    public const string Call = "call";

    /// <summary>A text or an email written to the customer outside the desk (the survey is the self-service form).</summary>
    public const string Message = "message";

    /// <summary>The customer answered the survey: the self-service form of the same follow-up.</summary>
    public const string Survey = "survey";

    public static IReadOnlyList<string> ByStaff { get; } = [Call, Message];
}

/// <summary>What came of a follow-up, or of one try at it.</summary>
public static class FollowUpOutcomes
{
    public const string Satisfied = "satisfied";

    /// <summary>The customer is not satisfied: the complaint opens again, with a callback owed.</summary>
    public const string NotSatisfied = "not-satisfied";

    /// <summary>One try that did not reach the customer; after the policy's attempts the follow-up closes as unreachable.</summary>
    public const string NoAnswer = "no-answer";

    /// <summary>The follow-up ended without reaching the customer: the complaint is closed as unreachable.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The complaint was opened again (the customer wrote, or staff reopened it) before the follow-up was done.</summary>
    public const string Reopened = "reopened";

    public static IReadOnlyList<string> ByStaff { get; } = [Satisfied, NotSatisfied, NoAnswer];
}

/// <summary>One try at the follow-up, recorded by the member of staff who made it.</summary>
public sealed record FollowUpAttempt
{
    public required DateTimeOffset At { get; init; }
    public required string By { get; init; }
    public required string Method { get; init; }
    public required string Outcome { get; init; }
}

/// <summary>
/// The follow-up (回访) of one resolution: owed by <see cref="DueAt"/> (the <c>follow-up</c> clock), done by a call or a
/// message from the desk or by the customer answering the survey.
/// </summary>
public sealed record FollowUp
{
    /// <summary>The resolution it follows (its <see cref="Resolution.ResolvedAt"/>).</summary>
    public required DateTimeOffset ResolvedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public IReadOnlyList<FollowUpAttempt> Attempts { get; init; } = [];

    /// <summary><see cref="FollowUpOutcomes"/>; null while it is owed.</summary>
    public string? Outcome { get; init; }
    public string? Method { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedBy { get; init; }

    public bool IsOpen => Outcome is null;

    /// <summary>The customer was reached and said whether they are satisfied.</summary>
    public bool Reached => Outcome is FollowUpOutcomes.Satisfied or FollowUpOutcomes.NotSatisfied;
}
