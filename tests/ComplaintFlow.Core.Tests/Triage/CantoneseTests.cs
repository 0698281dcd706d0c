using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>Issue 15, item 2: written Cantonese is detected as <c>yue</c> and scored with its own words.</summary>
public sealed class CantoneseTests
{
    private static readonly LexiconAnalyzer Analyzer = new();

    private static SentimentResult Score(string text, string? language = null) => Analyzer.Analyze(new TextDocument("1", text, language));

    [Theory]
    [InlineData("部機壞咗")]
    [InlineData("你哋啲客服嘅態度真係差，打咗三次電話都冇人理")]
    [InlineData("喺屋企冇網用咗成個禮拜，佢話聽日先有人嚟整")]
    public void Cantonese_particles_make_a_text_Cantonese(string text) =>
        Assert.Equal(TextInspection.Cantonese, TextInspection.Prepare(text).DetectedLanguage);

    [Theory]
    [InlineData("客服態度惡劣，我非常失望，要求賠償", "zh-Hant")]
    [InlineData("客服态度恶劣，我非常失望，要求赔偿", "zh-Hans")]
    [InlineData("我咁多年都用你們的服務，這次真的很失望，希望儘快處理帳單的問題", "zh-Hant")]
    public void Written_Mandarin_is_not_Cantonese(string text, string language) =>
        Assert.Equal(language, TextInspection.Prepare(text).DetectedLanguage);

    [Fact]
    public void A_Chinese_label_from_intake_is_refined_to_Cantonese_and_any_other_label_is_kept()
    {
        const string text = "你哋啲網絡成日斷，真係頂唔順";
        Assert.Equal("yue", Score(text, "zh-Hant").Language);
        Assert.Equal("yue", Score(text, "zh-Hans").Language);
        Assert.Equal("en", Score(text, "en").Language);
        Assert.Equal("zh-Hant", Score("客服態度惡劣，我非常失望", "zh-Hant").Language);
    }

    [Theory]
    [InlineData("服務唔好")]
    [InlineData("我唔滿意")]
    [InlineData("部機冇用")]
    [InlineData("呢個套餐唔抵")]
    [InlineData("等咗成個鐘都冇人理")]
    [InlineData("激死我，收錢就快，整嘢就慢")]
    [InlineData("真係頂唔順你哋")]
    [InlineData("收費離譜")]
    [InlineData("啲師傅做嘢求其")]
    [InlineData("我好嬲")]
    [InlineData("你哋嘅服務差勁，垃圾")]
    public void Cantonese_complaints_read_negative(string text) =>
        Assert.Equal(SentimentLabel.Negative, Score(text).Label);

    [Theory]
    [InlineData("師傅好正，好快整好")]
    [InlineData("呢個套餐好抵")]
    [InlineData("唔該晒你哋")]
    public void Cantonese_praise_reads_positive(string text) =>
        Assert.Equal(SentimentLabel.Positive, Score(text).Label);

    [Theory]
    [InlineData("好差")]
    [InlineData("好撚差")]
    [InlineData("勁差")]
    [InlineData("極之差")]
    [InlineData("超差")]
    public void Cantonese_intensifiers_make_it_more_negative(string intensified) =>
        Assert.True(Score(intensified).Compound < Score("差").Compound, intensified);

    [Fact]
    public void Cantonese_negators_flip_the_word_after_them_like_the_Mandarin_ones()
    {
        Assert.Equal(Score("不满意").Label, Score("唔滿意").Label);
        Assert.True(Score("咪滿意").Compound < 0);
        Assert.True(Score("未滿意").Compound < 0);
    }

    [Fact]
    public void Cantonese_outage_and_vulnerability_words_reach_the_rules()
    {
        const string text = "屋企冇電成日，屋企有個老人家";
        var sentiment = Score(text);
        var result = new TriageEngine(TriagePolicy.Default).Score(new TriageInput { Text = text, Language = "zh-Hant" }, sentiment);
        Assert.Contains(result.Reasons, r => r.Rule == "outage" && r.Match == "冇電");
        Assert.Contains(result.Reasons, r => r.Rule == "vulnerable");
        Assert.Equal("outage", result.PrimaryCategory);
    }
}
