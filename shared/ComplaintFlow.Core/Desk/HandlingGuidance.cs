using System.Text.Json;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk;

/// <summary>A short handling plan for one situation, in each desk language (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>).</summary>
public sealed record Guidance(string Id, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, IReadOnlyList<string>> Steps);

/// <summary>
/// What the agent should do for the situation triage found (issue 20 item 6): policy data in
/// <c>Desk/Data/handling-guidance.json</c>, each situation set off by triage rule ids (and, for an angry customer, a
/// strongly negative tone). The complaint page shows the plans first for the most serious situation.
/// </summary>
public sealed class HandlingGuidance
{
    private readonly IReadOnlyList<Situation> _situations;

    private HandlingGuidance(IReadOnlyList<Situation> situations) => _situations = situations;

    public static HandlingGuidance Default { get; } = Load();

    public IReadOnlyList<string> RuleIds => [.. _situations.SelectMany(s => s.Rules).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<Guidance> All => [.. _situations.Select(s => s.ToGuidance())];

    /// <summary>The plans for what triage found, most serious first (the file's order); none for a complaint not scored yet.</summary>
    public IReadOnlyList<Guidance> For(TriageResult? triage)
    {
        if (triage is null)
        {
            return [];
        }

        var fired = triage.Reasons.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        return [.. _situations
            .Where(s => s.Rules.Any(fired.Contains) && (s.MinimumNegative is not { } negative || triage.Sentiment.Negative >= negative))
            .Select(s => s.ToGuidance())];
    }

    private static HandlingGuidance Load()
    {
        using var stream = typeof(HandlingGuidance).Assembly.GetManifestResourceStream("desk/handling-guidance.json")
            ?? throw new InvalidOperationException("desk/handling-guidance.json is not embedded in ComplaintFlow.Core.");
        var file = JsonSerializer.Deserialize<GuidanceFile>(stream, ComplaintJson.Options)
            ?? throw new InvalidOperationException("handling-guidance.json is empty.");
        return new HandlingGuidance(file.Situations);
    }

    private sealed record GuidanceFile(string Source, IReadOnlyList<Situation> Situations);

    private sealed record Situation(
        string Id,
        IReadOnlyList<string> Rules,
        double? MinimumNegative,
        IReadOnlyDictionary<string, string> Title,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Steps)
    {
        public Guidance ToGuidance() => new(Id, Title, Steps);
    }
}
