using System.Text.Json.Serialization;

namespace ComplaintFlow.Core.Complaints;

public enum Priority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}

/// <summary>How far outside the company the complaint is, or threatens to go.</summary>
public enum EscalationGrade
{
    Internal,
    ExternalRisk,
    External,
}

/// <summary>One reason that moved a score, with the text that triggered it, so a supervisor can check it.</summary>
public sealed record ScoreReason
{
    public required string Rule { get; init; }
    public required string Description { get; init; }
    public required double Weight { get; init; }
    public string? Match { get; init; }
    public int? Start { get; init; }
    public int? Length { get; init; }

    /// <summary>Where <see cref="Start"/> points: <c>text</c> or <c>subject</c> (after any HTML was turned to text); <c>demand</c>, without a place, for the record's demand field.</summary>
    public string? Field { get; init; }

    /// <summary>The reason is a safeguarding concern: it comes first and the portal shows it apart.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Safeguarding { get; init; }
}

public sealed record TriageResult
{
    public required Priority Priority { get; init; }
    public required double Urgency { get; init; }
    public required SentimentResult Sentiment { get; init; }
    public required string PrimaryCategory { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public EscalationGrade EscalationGrade { get; init; } = EscalationGrade.Internal;
    public IReadOnlyList<ScoreReason> Reasons { get; init; } = [];

    /// <summary>
    /// A person may be at risk (self-harm, dependence on powered medical equipment, a vulnerable person without
    /// power or heating, violence): the complaint is P1 and a person, not a queue, acts on it first.
    /// </summary>
    public bool Safeguarding { get; init; }

    /// <summary>"P1 because: threatens to contact 工信部; outage"; safeguarding reasons come first whatever their weight.</summary>
    public string Explanation =>
        Reasons.Count == 0
            ? $"{Priority} because: no urgency signals"
            : $"{Priority} because: {string.Join("; ", Reasons.OrderByDescending(r => r.Safeguarding).ThenByDescending(r => r.Weight).Select(r => r.Description))}";
}
