using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>Issue 15, item 3: wording that says a person may be at risk forces P1 and flags the complaint.</summary>
public sealed class SafeguardingTests
{
    private static readonly LexiconAnalyzer Analyzer = new();
    private static readonly TriageEngine Engine = new(TriagePolicy.Default);

    private static TriageResult Triage(string text)
    {
        var sentiment = Analyzer.Analyze(new TextDocument("1", text, null));
        return Engine.Score(new TriageInput { Text = text, Language = sentiment.Language ?? "en" }, sentiment);
    }

    [Theory]
    [InlineData("I don't see the point in going on")]
    [InlineData("I will end it all")]
    [InlineData("I want to kill myself")]
    [InlineData("我不想活了")]
    [InlineData("我想死")]
    [InlineData("我有輕生的念頭")]
    [InlineData("家里有制氧机")]
    [InlineData("家裡有製氧機")]
    [InlineData("我爸要用呼吸机")]
    [InlineData("My mother uses an oxygen concentrator")]
    [InlineData("He is on a ventilator")]
    [InlineData("I have dialysis three times a week")]
    [InlineData("She is on home oxygen")]
    [InlineData("My elderly father has had a power cut since Monday")]
    [InlineData("Our baby is at home and we have no heating")]
    [InlineData("老人在家，停电两天了")]
    [InlineData("If the engineer comes back I'll kill him")]
    [InlineData("再不退钱我就去营业厅砍人")]
    public void Wording_that_a_person_is_at_risk_is_P1_and_flagged(string text)
    {
        var result = Triage(text);
        Assert.True(result.Safeguarding, result.Explanation);
        Assert.Equal(Priority.P1, result.Priority);
        Assert.Contains(result.Reasons, r => r.Safeguarding && r.Rule.StartsWith("safeguarding-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("昨晚吃火锅的时候收到短信")]
    [InlineData("我又不是住在火星")]
    [InlineData("I'm fired up about this bill")]
    [InlineData("I had to press 1 four times")]
    [InlineData("I'm dying to know why the bill went up")]
    [InlineData("Please kill the noise on the line")]
    [InlineData("笑死，客服说网速正常")]
    [InlineData("气死我了，账单又错了")]
    [InlineData("My elderly father was charged twice")]
    [InlineData("There was a power cut on Monday, is there compensation?")]
    public void Confusable_wording_is_no_safeguarding_concern(string text) =>
        Assert.False(Triage(text).Safeguarding, text);

    [Fact]
    public void A_vulnerable_person_is_a_safeguarding_concern_only_without_power_or_heating()
    {
        var result = Triage("My elderly mother lives alone and the boiler is broken");
        var reason = Assert.Single(result.Reasons, r => r.Safeguarding);
        Assert.Equal("safeguarding: vulnerable person without power or heating: elderly + boiler is broken", reason.Description);
        Assert.Equal("elderly", reason.Match);
    }

    [Fact]
    public void The_safeguarding_reason_comes_first_in_the_explanation_whatever_its_weight()
    {
        var result = Triage("家里停电了，我已经投诉到工信部，独居老人在家");
        Assert.True(result.Safeguarding);
        Assert.StartsWith("P1 because: safeguarding: ", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flag_is_stored_with_the_result_and_on_the_reason_that_raised_it()
    {
        var result = Triage("I don't want to live anymore, please stop the calls");
        var json = JsonSerializer.Serialize(result, ComplaintJson.Options);
        Assert.Contains("\"safeguarding\":true", json, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<TriageResult>(json, ComplaintJson.Options)!;
        Assert.True(read.Safeguarding);
        Assert.Contains(read.Reasons, r => r.Safeguarding);

        // A reason that is not a safeguarding one does not carry the field at all.
        var ordinary = JsonSerializer.Serialize(Triage("My bill is wrong, refund me"), ComplaintJson.Options);
        Assert.Contains("\"safeguarding\":false", ordinary, StringComparison.Ordinal);
        Assert.Equal(1, ordinary.Split("safeguarding").Length - 1);
    }

    [Fact]
    public void Only_a_keywords_rule_can_be_a_safeguarding_rule()
    {
        var policy = TriagePolicy.Default with
        {
            Rules = [.. TriagePolicy.Default.Rules, new UrgencyRule { Id = "odd", Kind = UrgencyRuleKinds.Sentiment, Description = "odd", Safeguarding = true, AlsoRequires = ["x"] }],
        };
        var errors = policy.Validate();
        Assert.Contains(errors, e => e.EndsWith(".safeguarding: only a keywords rule can be a safeguarding rule", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith(".alsoRequires: only a keywords rule can require other keywords", StringComparison.Ordinal));
    }
}
