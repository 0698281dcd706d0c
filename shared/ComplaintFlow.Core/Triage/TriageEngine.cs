namespace ComplaintFlow.Core.Triage;

/// <summary>What triage looks at besides the text's sentiment.</summary>
public sealed record TriageInput
{
    public required string Text { get; init; }
    public string? Subject { get; init; }
    public required string Language { get; init; }

    /// <summary>Earlier complaints from the same person within the repeat window, across channels.</summary>
    public int EarlierContacts { get; init; }
}

/// <summary>
/// Turns text signals into urgency, category and priority, keeping every reason. First cut: a few keyword rules.
/// </summary>
public sealed class TriageEngine
{
    private static readonly (string Rule, string Description, double Weight, string[] Words)[] Rules =
    [
        ("safety", "safety or outage", 40, ["停电", "停電", "火", "漏电", "漏電", "fire", "gas leak", "outage", "no power"]),
        ("regulator", "threatens to contact a regulator, the media or court", 35,
            ["工信部", "12315", "消协", "消費者協會", "消费者协会", "媒体", "曝光", "记者", "記者", "起诉", "起訴", "律师", "律師", "法院", "regulator", "ombudsman", "lawyer", "court", "press"]),
        ("compensation", "demands compensation", 15, ["赔偿", "賠償", "refund", "compensation"]),
    ];

    public TriageResult Score(TriageInput input, SentimentResult sentiment)
    {
        var text = $"{input.Subject}\n{input.Text}";
        var reasons = new List<ScoreReason>();
        foreach (var (rule, description, weight, words) in Rules)
        {
            foreach (var word in words)
            {
                var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    reasons.Add(new ScoreReason { Rule = rule, Description = $"{description} ({word})", Weight = weight, Match = word, Start = at, Length = word.Length });
                    break;
                }
            }
        }

        if (input.EarlierContacts > 0)
        {
            reasons.Add(new ScoreReason { Rule = "repeat", Description = $"repeat contact ({input.EarlierContacts + 1} in the window)", Weight = 10 * input.EarlierContacts });
        }

        if (sentiment.Label == SentimentLabel.Negative)
        {
            reasons.Add(new ScoreReason { Rule = "sentiment", Description = "negative sentiment", Weight = 20 * sentiment.Negative });
        }

        var urgency = Math.Min(100, reasons.Sum(r => r.Weight));
        var priority = urgency switch
        {
            >= 60 => Priority.P1,
            >= 35 => Priority.P2,
            >= 15 => Priority.P3,
            _ => Priority.P4,
        };
        return new TriageResult
        {
            Priority = priority,
            Urgency = urgency,
            Sentiment = sentiment,
            PrimaryCategory = "other",
            Categories = ["other"],
            EscalationGrade = reasons.Any(r => r.Rule == "regulator") ? EscalationGrade.ExternalRisk : EscalationGrade.Internal,
            Reasons = reasons,
        };
    }
}
