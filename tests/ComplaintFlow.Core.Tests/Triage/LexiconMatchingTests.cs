using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>Issue 15, item 1: the lexicon must not read punctuation, addresses, numbers or compounds as sentiment.</summary>
public sealed class LexiconMatchingTests
{
    private static readonly LexiconAnalyzer Analyzer = new();
    private static readonly TriageEngine Engine = new(TriagePolicy.Default);

    private static SentimentResult Score(string text) => Analyzer.Analyze(new TextDocument("1", text, null));

    private static TriageResult Triage(string text)
    {
        var sentiment = Score(text);
        return Engine.Score(new TriageInput { Text = text, Language = sentiment.Language ?? "en" }, sentiment);
    }

    [Theory]
    [InlineData("原因：没有信号")]
    [InlineData("原因:没有信号")]
    [InlineData("没有信号（基站）")]
    [InlineData("no signal (again)")]
    public void A_colon_or_a_bracket_is_not_a_kiss_emoticon(string text) =>
        Assert.Equal(SentimentLabel.Negative, Score(text).Label);

    [Theory]
    [InlineData(":*", SentimentLabel.Positive)]
    [InlineData("(*", SentimentLabel.Positive)]
    [InlineData("(", SentimentLabel.Neutral)]
    [InlineData("：", SentimentLabel.Neutral)]
    public void A_star_after_punctuation_is_part_of_the_emoticon_not_a_wildcard(string text, SentimentLabel expected) =>
        Assert.Equal(expected, Score(text).Label);

    [Fact]
    public void A_star_after_a_letter_is_still_a_word_ending_wildcard()
    {
        Assert.True(KeywordAutomaton.IsWordEndingWildcard("refund*"));
        Assert.False(KeywordAutomaton.IsWordEndingWildcard(":*"));
        Assert.False(KeywordAutomaton.IsWordEndingWildcard("(*"));
        Assert.Equal(SentimentLabel.Negative, Score("They overcharged me").Label);
    }

    [Theory]
    [InlineData("See https://example.com/bill/123 for the details")]
    [InlineData("The form at www.goodenergy.com/help asks for my name")]
    [InlineData("I wrote to @best_fibre and #happyhour about my account")]
    public void Addresses_handles_and_hashtags_are_not_read_as_words(string text)
    {
        var result = Score(text);
        Assert.Equal(SentimentLabel.Neutral, result.Label);
        Assert.Equal(0, result.Compound);
    }

    [Fact]
    public void A_word_after_an_address_still_counts()
    {
        Assert.Equal(SentimentLabel.Negative, Score("see https://example.com/x terrible service").Label);
        Assert.Equal(SentimentLabel.Negative, Score("#停电# 又停电了，太差了").Label);
    }

    [Theory]
    [InlineData("等了好久才有人接电话")]
    [InlineData("我只好再打一次")]
    [InlineData("信号好像又断了")]
    [InlineData("好几次都是这样")]
    public void Good_inside_a_longer_word_is_not_good(string text) =>
        Assert.NotEqual(SentimentLabel.Positive, Score(text).Label);

    [Fact]
    public void Good_before_a_rated_word_means_very()
    {
        var slow = Score("反应慢");
        var verySlow = Score("反应好慢");
        Assert.Equal(SentimentLabel.Negative, verySlow.Label);
        Assert.True(verySlow.Compound < slow.Compound, $"好慢 {verySlow.Compound} should be below 慢 {slow.Compound}");
        Assert.Equal(SentimentLabel.Positive, Score("师傅态度好").Label);
    }

    [Fact]
    public void Many_times_is_a_count_not_a_complaint() =>
        Assert.Equal(SentimentLabel.Neutral, Score("我多次拨打客服电话").Label);

    [Theory]
    [InlineData("The router cost 86 dollars")]
    [InlineData("The router cost £86")]
    [InlineData("Call me on +86 138 0000 0000")]
    [InlineData("Order 143 arrived")]
    public void Numbers_are_not_slang(string text) => Assert.Equal(0, Score(text).Compound);

    [Theory]
    [InlineData("我去火星旅游，回来发现账单不对")]
    [InlineData("昨晚吃火锅的时候收到短信")]
    [InlineData("客服风风火火地答应了，然后没有下文")]
    [InlineData("You should fire the manager who handled this")]
    [InlineData("Whoever sent this bill should be fired")]
    [InlineData("I have standing: that is an injury-in-fact under the contract")]
    public void Fire_that_is_not_a_fire_is_no_safety_risk(string text) =>
        Assert.DoesNotContain(Triage(text).Reasons, r => r.Rule == "safety");

    [Theory]
    [InlineData("My charger caught fire the other day")]
    [InlineData("There is a fire in the meter cupboard")]
    [InlineData("家里着火了")]
    public void A_real_fire_is_still_a_safety_risk(string text) =>
        Assert.Contains(Triage(text).Reasons, r => r.Rule == "safety");

    [Theory]
    [InlineData("我排队等了110分钟")]
    [InlineData("The bill went up to $110 this month")]
    [InlineData("多收了110元")]
    [InlineData("I waited 110 minutes on hold")]
    public void A_number_with_a_unit_or_currency_is_not_the_police(string text) =>
        Assert.DoesNotContain(Triage(text).Reasons, r => r.Rule == "regulator-threat");

    [Theory]
    [InlineData("再不处理我就打110")]
    [InlineData("我已经打了12315投诉")]
    public void The_police_and_consumer_numbers_still_count(string text) =>
        Assert.Contains(Triage(text).Reasons, r => r.Rule == "regulator-threat");
}
