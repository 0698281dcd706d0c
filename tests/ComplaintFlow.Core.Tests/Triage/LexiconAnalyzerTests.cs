using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

public sealed class LexiconAnalyzerTests
{
    private static readonly LexiconAnalyzer Analyzer = new();

    private static SentimentResult Score(string text, string? language = null) => Analyzer.Analyze(new TextDocument("1", text, language));

    [Theory]
    [InlineData("服务很满意", "服务不满意")]
    [InlineData("师傅态度好", "师傅态度没有好")]
    [InlineData("The engineer was helpful", "The engineer was not helpful")]
    [InlineData("They were good to me", "They were never good to me")]
    public void A_negator_turns_praise_into_a_complaint(string praise, string negated)
    {
        Assert.Equal(SentimentLabel.Positive, Score(praise).Label);
        Assert.Equal(SentimentLabel.Negative, Score(negated).Label);
    }

    [Theory]
    [InlineData("网络差", "网络非常差")]
    [InlineData("反应慢", "反应太慢")]
    [InlineData("The service was bad", "The service was very bad")]
    public void An_intensifier_makes_the_text_more_negative(string plain, string intensified) =>
        Assert.True(Score(intensified).Compound < Score(plain).Compound);

    [Fact]
    public void Exclamation_marks_and_shouting_make_it_stronger()
    {
        var calm = Score("This is unacceptable.").Compound;
        Assert.True(Score("This is unacceptable!!!").Compound < calm);
        Assert.True(Score("This is UNACCEPTABLE.").Compound < calm);
    }

    [Fact]
    public void Traditional_characters_score_like_simplified_ones()
    {
        var simplified = Score("客服态度恶劣，我非常失望，要求赔偿");
        var traditional = Score("客服態度惡劣，我非常失望，要求賠償");
        Assert.Equal(simplified.Compound, traditional.Compound);
        Assert.Equal("zh-Hant", traditional.Language);
        Assert.Equal("zh-Hans", simplified.Language);
    }

    [Fact]
    public void The_part_after_but_counts_more_than_the_thanks_before_it()
    {
        Assert.Equal(SentimentLabel.Negative, Score("Thanks for the quick reply but the internet is still not working").Label);
        Assert.Equal(SentimentLabel.Negative, Score("谢谢你们回复，但是网络还是没有修好").Label);
    }

    [Fact]
    public void Longest_word_wins_over_the_words_inside_it()
    {
        // 不错 (not bad = good) is a word of its own, not 不 + 错.
        Assert.Equal(SentimentLabel.Positive, Score("送货很及时，不错").Label);
    }

    [Fact]
    public void Mixed_English_and_Chinese_uses_both_lexicons_and_says_so()
    {
        var result = Score("Wifi又断了！我在家work from home，一天断好几次，根本没法开会。This is terrible.");
        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Contains(result.Notes, n => n.Contains("mixed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_text_is_neutral_with_a_note(string text)
    {
        var result = Score(text);
        Assert.Equal(SentimentLabel.Neutral, result.Label);
        Assert.Contains("empty text: nothing to score", result.Notes);
    }

    [Fact]
    public void Emoji_only_text_is_scored_from_the_emoji()
    {
        var angry = Score("😡😡😡");
        Assert.Equal(SentimentLabel.Negative, angry.Label);
        Assert.Contains(angry.Notes, n => n.StartsWith("emoji only", StringComparison.Ordinal));
        Assert.Equal(SentimentLabel.Positive, Score("👍🙏").Label);
    }

    [Fact]
    public void Text_in_an_unsupported_language_is_neutral_and_says_which_script()
    {
        var result = Score("Это ужасный сервис, я очень недоволен");
        Assert.Equal(SentimentLabel.Neutral, result.Label);
        Assert.Contains(result.Notes, n => n.Contains("unsupported language (Cyrillic", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_is_read_as_text_with_a_note()
    {
        var result = Score("<html><style>p{color:red}</style><p>The service was <b>terrible</b></p><script>var good = 1;</script></html>");
        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Contains("HTML markup removed before scoring", result.Notes);
    }

    [Fact]
    public void A_100_KB_text_is_scored_on_its_first_part_and_says_so()
    {
        var text = string.Concat(Enumerable.Repeat("The service was terrible. ", 4000));
        var result = Score(text);
        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Contains(result.Notes, n => n.StartsWith("long text: scored the first 32,768 of 104,000", StringComparison.Ordinal));
    }

    [Fact]
    public void Keywords_match_whole_English_words_only()
    {
        // "badge" holds "bad", "goodwill" holds "good": neither is a sentiment word here.
        Assert.Equal(SentimentLabel.Neutral, Score("Please send my badge to the goodwill office.").Label);
    }
}
