using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

public sealed class TriageEngineTests
{
    private static readonly LexiconAnalyzer Analyzer = new();
    private static readonly TriageEngine Engine = new(TriagePolicy.Default);

    private static TriageResult Triage(string text, int earlierContacts = 0, string? subject = null)
    {
        var sentiment = Analyzer.Analyze(new TextDocument("1", text, null));
        return Engine.Score(new TriageInput { Text = text, Subject = subject, Language = sentiment.Language ?? "en", EarlierContacts = earlierContacts }, sentiment);
    }

    [Fact]
    public void Threat_to_go_to_the_regulator_and_an_outage_from_a_repeat_caller_is_P1_with_every_reason()
    {
        var result = Triage("家里停电两天了，再不处理我就打工信部投诉！", earlierContacts: 2);

        Assert.Equal(Priority.P1, result.Priority);
        Assert.Equal(EscalationGrade.ExternalRisk, result.EscalationGrade);
        Assert.StartsWith("P1 because: ", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("threatens to contact 工信部", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("outage: 停电", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("repeat contact (3rd in 30 days)", result.Explanation, StringComparison.Ordinal);
        Assert.Equal("outage", result.PrimaryCategory);
    }

    [Fact]
    public void Each_reason_points_at_the_text_that_triggered_it()
    {
        const string text = "I have been overcharged again and I will take you to court for a refund of $1,200.";
        var result = Triage(text);

        foreach (var reason in result.Reasons.Where(r => r.Match is not null))
        {
            Assert.Equal("text", reason.Field);
            Assert.Equal(reason.Match, text.Substring(reason.Start!.Value, reason.Length!.Value));
        }

        Assert.Contains(result.Reasons, r => r.Rule == "regulator-threat" && r.Match == "court");
        Assert.Contains(result.Reasons, r => r.Rule == "compensation" && r.Match == "refund");
        Assert.Contains(result.Reasons, r => r.Rule == "money" && r.Match == "$1,200" && r.Weight == 10);
    }

    [Fact]
    public void Traditional_script_keywords_are_found_with_their_original_characters()
    {
        var result = Triage("停電了，我要向消費者協會投訴，還要賠償");
        Assert.Contains(result.Reasons, r => r.Rule == "regulator-threat" && r.Match == "消費者協會");
        Assert.Contains(result.Reasons, r => r.Rule == "compensation" && r.Match == "賠償");
        Assert.Contains(result.Reasons, r => r.Rule == "outage" && r.Match == "停電");
    }

    [Fact]
    public void A_safety_risk_is_P1_whatever_the_tone()
    {
        var result = Triage("Just letting you know there is a smell of gas near the meter.");
        Assert.Equal(Priority.P1, result.Priority);
        Assert.Contains(result.Reasons, r => r.Rule == "safety");
    }

    [Fact]
    public void Having_already_gone_to_an_outside_body_is_graded_external()
    {
        var result = Triage("我已经投诉到工信部了，你们还是不处理。");
        Assert.Equal(EscalationGrade.External, result.EscalationGrade);
        Assert.Equal(Priority.P1, result.Priority);
    }

    [Fact]
    public void Complaint_from_repeat_caller_is_raised_in_priority()
    {
        const string text = "My broadband keeps dropping every evening.";
        var first = Triage(text);
        var fourth = Triage(text, earlierContacts: 3);
        Assert.True(fourth.Priority < first.Priority, $"{fourth.Priority} should be above {first.Priority}");
        Assert.Contains("repeat contact (4th in 30 days)", fourth.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thank_you_note_is_lowest_priority()
    {
        var result = Triage("谢谢你们的师傅，很快就修好了，服务非常好");
        Assert.Equal(Priority.P4, result.Priority);
        Assert.Equal(SentimentLabel.Positive, result.Sentiment.Label);
    }

    [Fact]
    public void Several_categories_may_apply_with_one_primary()
    {
        var result = Triage("The engineer was rude and the router he installed is faulty and broken.");
        Assert.Equal("product-quality", result.PrimaryCategory);
        Assert.Contains("staff-attitude", result.Categories);
        Assert.Equal(result.PrimaryCategory, result.Categories[0]);
    }

    [Fact]
    public void Text_with_no_category_keyword_falls_back_to_other()
    {
        Assert.Equal(["other"], Triage("I would like to speak to someone, please.").Categories);
    }

    [Fact]
    public void Keywords_in_the_subject_count_and_say_where_they_were_found()
    {
        var result = Triage("See above.", subject: "Gas leak in the basement");
        var safety = Assert.Single(result.Reasons, r => r.Rule == "safety");
        Assert.Equal("subject", safety.Field);
        Assert.Equal(0, safety.Start);
    }

    [Theory]
    [InlineData("", "empty text: nothing to score")]
    [InlineData("😡😡😡", "emoji only: scored from the emoji")]
    [InlineData("<p>My bill is wrong</p>", "HTML markup removed before scoring")]
    [InlineData("これはひどいサービスです", "unsupported language (Japanese script): sentiment neutral, rules applied to any English or Chinese keywords")]
    public void Odd_input_is_scored_with_a_reason_saying_what_was_done(string text, string note)
    {
        var result = Triage(text);
        Assert.Contains(result.Reasons, r => r.Rule == "input" && r.Description == note);
        Assert.Contains(note, result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_100_KB_complaint_is_scored_on_its_first_part()
    {
        var text = "我家停电了。" + new string('啊', 100_000);
        var result = Triage(text);
        Assert.Contains(result.Reasons, r => r.Rule == "outage");
        Assert.Contains(result.Reasons, r => r.Rule == "input" && r.Description.StartsWith("long text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("火车票退款一直没到账")]
    [InlineData("I had to press 1 four times before anyone answered")]
    public void A_word_that_only_holds_a_keyword_is_not_a_reason(string text)
    {
        var result = Triage(text);
        Assert.DoesNotContain(result.Reasons, r => r.Rule is "safety" or "regulator-threat");
    }

    [Fact]
    public void The_keyword_still_counts_elsewhere_in_the_same_text()
    {
        var result = Triage("坐火车回来发现家里着火了");
        var safety = Assert.Single(result.Reasons, r => r.Rule == "safety");
        Assert.Equal("着火", safety.Match);
    }
}
