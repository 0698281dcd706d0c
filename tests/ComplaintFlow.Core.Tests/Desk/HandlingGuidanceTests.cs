using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The handling plans the complaint page shows (issue 20 item 6): policy data that only names triage rules that exist,
/// says every plan in the three desk languages, and picks the plans from what triage found in real wording.
/// </summary>
public sealed class HandlingGuidanceTests
{
    private static readonly TriageEngine Engine = new(TriagePolicy.Default);
    private static readonly LexiconAnalyzer Analyzer = new();

    private static IReadOnlyList<string> GuidanceFor(string text)
    {
        var sentiment = Analyzer.Analyze(new TextDocument("1", text, null));
        return [.. HandlingGuidance.Default.For(Engine.Score(new TriageInput { Text = text, Language = sentiment.Language ?? "en" }, sentiment)).Select(g => g.Id)];
    }

    [Fact]
    public void Every_situation_names_only_rules_triage_has_and_speaks_every_desk_language()
    {
        var rules = TriagePolicy.Default.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(HandlingGuidance.Default.RuleIds, id => Assert.Contains(id, rules));
        Assert.All(HandlingGuidance.Default.All, g =>
        {
            foreach (var language in new[] { "en", "zh-Hans", "zh-Hant" })
            {
                Assert.False(string.IsNullOrWhiteSpace(g.Title.GetValueOrDefault(language)), $"{g.Id} has no {language} title");
                Assert.True(g.Steps.GetValueOrDefault(language) is { Count: > 0 } steps && steps.All(s => s.Length > 0), $"{g.Id} has no {language} steps");
            }
        });
    }

    [Theory]
    [InlineData("If nobody fixes this I will go to Ofcom and the newspapers.", "media-or-regulator")]
    [InlineData("再不处理我就去工信部投诉，还要找媒体曝光。", "media-or-regulator")]
    [InlineData("I want compensation of £200 for the spoiled food.", "compensation-demand")]
    [InlineData("停电了，家里老人用制氧机，请马上处理", "safety")]
    [InlineData("If the engineer comes back I will punch him.", "threat-of-violence")]
    public void The_plan_for_what_the_customer_said_is_shown(string text, string expected)
    {
        Assert.Contains(expected, GuidanceFor(text));
    }

    [Fact]
    public void A_threat_of_violence_comes_before_anything_else_and_a_calm_complaint_gets_no_plan()
    {
        var plans = GuidanceFor("I want compensation, or next time your engineer comes I will punch him.");
        Assert.Equal("threat-of-violence", plans[0]);

        Assert.Empty(GuidanceFor("My bill for March seems higher than usual, could you check it?"));
        Assert.Empty(HandlingGuidance.Default.For(null));
    }
}
