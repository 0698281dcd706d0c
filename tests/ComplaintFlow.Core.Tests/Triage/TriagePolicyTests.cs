using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

public sealed class TriagePolicyTests
{
    private static TriagePolicy Load(string json) => TriagePolicy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    private const string Categories = """
        "categories": [ { "id": "billing", "keywords": [ "bill" ] } ]
        """;

    [Fact]
    public void The_embedded_policy_is_valid()
    {
        Assert.Empty(TriagePolicy.Default.Validate());
        Assert.Contains(TriagePolicy.Default.Rules, r => r.Kind == UrgencyRuleKinds.RepeatContact);
    }

    [Theory]
    [InlineData("""{ "id": "x", "kind": "moon-phase", "description": "d", "weight": 1 }""", "rules[0].kind: unknown kind 'moon-phase'")]
    [InlineData("""{ "id": "x", "kind": "keywords", "description": "d", "weight": -5, "keywords": [ "a" ] }""", "rules[0].weight: must not be negative")]
    [InlineData("""{ "id": "x", "kind": "keywords", "description": "d", "weight": 5, "keywords": [ ] }""", "rules[0].keywords: empty keyword list")]
    [InlineData("""{ "id": "x", "kind": "keywords", "description": "d", "weight": 5, "keywords": [ "ok", " " ] }""", "rules[0].keywords[1]: blank keyword")]
    [InlineData("""{ "id": "x", "kind": "keywords", "description": "d", "weight": 5, "keywords": [ "a" ], "wieght": 3 }""", "wieght")]
    public void A_bad_rule_fails_with_a_message_naming_its_key(string rule, string expected)
    {
        var error = Assert.Throws<TriagePolicyException>(() => Load($$"""{ "rules": [ {{rule}} ], {{Categories}} }"""));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_policy_changes_what_triage_finds()
    {
        var policy = Load($$"""
            {
              "priorityBands": { "p1": 50, "p2": 30, "p3": 10 },
              "rules": [ { "id": "pets", "kind": "keywords", "description": "pet harmed: {match}", "weight": 55, "keywords": [ "dog", "猫" ] } ],
              {{Categories}}
            }
            """);
        var engine = new TriageEngine(policy);
        var sentiment = new LexiconAnalyzer().Analyze(new TextDocument("1", "Your driver scared my dog", null));
        var result = engine.Score(new TriageInput { Text = "Your driver scared my dog", Language = "en" }, sentiment);
        Assert.Equal(Priority.P1, result.Priority);
        Assert.Contains("pet harmed: dog", result.Explanation, StringComparison.Ordinal);
        Assert.Equal("other", result.PrimaryCategory);
    }
}
