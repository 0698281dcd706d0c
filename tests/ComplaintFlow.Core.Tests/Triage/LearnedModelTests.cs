using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using Xunit.Abstractions;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>
/// The learned sentiment model beside the lexicon (docs/triage.md, "Learned model"): what it adds, measured on sets
/// labelled apart from what it was trained and tuned on, and the train/save/load cycle a desk-taught model will use.
/// </summary>
public sealed class LearnedModelTests(ITestOutputHelper output)
{
    private static readonly LexiconAnalyzer Lexicon = new();
    private static readonly BlendedAnalyzer Blended = new(Lexicon, LinearTextModel.DefaultSentiment, TriagePolicy.Default.SentimentModel.Weight);

    // Measured when the shipped model was trained (scripts/train-triage-model.sh, seed 42); a retrain or a lexicon
    // change that scores lower fails here, one that scores higher should raise them.
    private const double HeldOutComplaintsBlendedF1 = 0.907;
    private const double UciHeldOutBlendedF1 = 0.796;

    [Fact]
    public void Blended_sentiment_on_the_held_out_complaints_is_no_worse_than_measured_nor_than_the_lexicon_alone()
    {
        var complaints = LabelledComplaint.Load("complaints-heldout.tsv").Select(c => (c.Text, c.Sentiment)).ToList();
        var lexicon = Evaluate(complaints, Lexicon.Analyze);
        var blended = Evaluate(complaints, Blended.Analyze);
        output.WriteLine(lexicon.Report("held-out complaints, lexicon alone"));
        output.WriteLine(blended.Report("held-out complaints, lexicon + model"));

        Assert.True(blended.MacroF1 >= HeldOutComplaintsBlendedF1 - 0.0005, $"blended macro-F1 {blended.MacroF1:0.000} < {HeldOutComplaintsBlendedF1}");
        Assert.True(blended.MacroF1 >= lexicon.MacroF1, $"the model made the held-out complaints worse: {blended.MacroF1:0.000} < {lexicon.MacroF1:0.000}");
    }

    [Fact]
    public void Blended_sentiment_on_the_public_held_out_reviews_is_no_worse_than_measured_nor_than_the_lexicon_alone()
    {
        var reviews = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Triage", "Data", "uci-sentiment-heldout.tsv"), Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t', 2))
            .Select(f => (Text: f[1], Label: f[0]))
            .ToList();
        var lexicon = Evaluate(reviews, Lexicon.Analyze);
        var blended = Evaluate(reviews, Blended.Analyze);
        output.WriteLine(lexicon.Report("UCI held-out reviews, lexicon alone"));
        output.WriteLine(blended.Report("UCI held-out reviews, lexicon + model"));

        Assert.True(reviews.Count >= 500);
        Assert.True(blended.MacroF1 >= UciHeldOutBlendedF1 - 0.0005, $"blended macro-F1 {blended.MacroF1:0.000} < {UciHeldOutBlendedF1}");
        Assert.True(blended.MacroF1 >= lexicon.MacroF1, $"the model made the reviews worse: {blended.MacroF1:0.000} < {lexicon.MacroF1:0.000}");
    }

    [Fact]
    public void A_blended_score_says_what_the_model_and_the_lexicon_each_said()
    {
        var result = Blended.Analyze(new TextDocument("1", "The engineer never came and nobody called back. Terrible service.", "en"));

        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Equal(BlendedAnalyzer.AnalyzerName, result.Analyzer);
        var note = Assert.Single(result.Notes, n => n.StartsWith("model: negative ", StringComparison.Ordinal));
        Assert.Contains("lexicon: -", note, StringComparison.Ordinal);

        // The negative-tone reason names the analyzer, and the model's note is a reason the desk can read.
        var triage = new TriageEngine(TriagePolicy.Default).Score(new TriageInput { Text = "The engineer never came and nobody called back. Terrible service.", Language = "en" }, result);
        Assert.Contains(triage.Reasons, r => r.Rule == "sentiment" && r.Description.Contains(BlendedAnalyzer.AnalyzerName, StringComparison.Ordinal));
        Assert.Contains(triage.Reasons, r => r.Rule == "analyzer" && r.Description.StartsWith("model: negative", StringComparison.Ordinal));
    }

    [Fact]
    public void Where_the_lexicon_finds_no_sentiment_word_the_model_is_shown_but_not_counted()
    {
        const string Inquiry = "请问我的电表读数是多少？户号 3302。";
        var byLexicon = Lexicon.Analyze(new TextDocument("1", Inquiry, null));
        var blended = Blended.Analyze(new TextDocument("1", Inquiry, null));

        Assert.Equal(byLexicon.Label, blended.Label);
        Assert.Equal(byLexicon.Compound, blended.Compound);
        Assert.Contains(blended.Notes, n => n.StartsWith("model: ", StringComparison.Ordinal) && n.Contains("not counted", StringComparison.Ordinal));
    }

    [Fact]
    public void Weight_zero_is_the_lexicon_alone_and_text_without_words_is_left_to_the_lexicon()
    {
        var off = new BlendedAnalyzer(Lexicon, LinearTextModel.DefaultSentiment, 0);
        var document = new TextDocument("1", "Great, another outage. Thanks a lot.", "en");
        Assert.Equal(Lexicon.Analyze(document).Compound, off.Analyze(document).Compound);
        Assert.Equal(LexiconAnalyzer.AnalyzerName, off.Analyze(document).Analyzer);

        var emoji = Blended.Analyze(new TextDocument("2", "😡😡😡", null));
        Assert.Equal(SentimentLabel.Negative, emoji.Label);
        Assert.Equal(LexiconAnalyzer.AnalyzerName, emoji.Analyzer);
    }

    [Fact]
    public void The_shipped_model_is_small_labelled_for_sentiment_and_says_how_it_was_trained()
    {
        using var stream = TriageData.Open(LinearTextModel.SentimentResourceName);
        Assert.True(stream.Length <= 20 * 1024 * 1024, $"model file is {stream.Length:N0} bytes");
        var model = LinearTextModel.DefaultSentiment;
        Assert.Equal(["negative", "neutral", "positive"], model.Labels);
        Assert.Equal("sentiment", model.Description.Name);
        Assert.Contains("UCI", model.Description.Notes, StringComparison.Ordinal);
        Assert.Equal("positive", model.Predict("Wonderful service, the engineer was friendly and quick.")?.Label);
        Assert.Equal("negative", model.Predict("Worst phone I have ever bought, it broke after two days.")?.Label);
    }

    [Fact]
    public void A_category_model_trained_from_text_and_category_rows_round_trips_and_retrains_identically()
    {
        LabelledText[] rows =
        [
            new("I was charged twice on my bill this month", "billing"),
            new("The invoice shows a fee I never agreed to", "billing"),
            new("Refund the overcharge on my statement", "billing"),
            new("账单多扣了我五十块钱", "billing"),
            new("话费扣错了，请退款", "billing"),
            new("The parcel never arrived and tracking shows nothing", "delivery"),
            new("My delivery is three weeks late", "delivery"),
            new("The courier left the package in the rain", "delivery"),
            new("快递一直没有送到", "delivery"),
            new("包裹丢了，物流信息不更新", "delivery"),
        ];
        var options = new TrainingOptions { Bits = 12, Epochs = 30 };
        var model = LinearTextModelTrainer.Train(rows, new ModelDescription("category", "test-1", "ten rows"), options);

        Assert.Equal("billing", model.Predict("Why is there an extra charge on my bill?")?.Label);
        Assert.Equal("delivery", model.Predict("Where is my parcel? The courier never came.")?.Label);
        Assert.Equal("delivery", model.Predict("我的快递到哪里了")?.Label);

        var saved = Save(model);
        var loaded = LinearTextModel.Load(new MemoryStream(saved));
        Assert.Equal(model.Description, loaded.Description);
        Assert.Equal(model.Labels, loaded.Labels);
        var before = model.Predict("Extra fee on the bill")!.Value;
        var after = loaded.Predict("Extra fee on the bill")!.Value;
        Assert.Equal(before.Label, after.Label);
        Assert.Equal(before.Probability, after.Probability, 2);

        // Same rows, same options: the same bytes, so a stored model can be reproduced and compared.
        Assert.Equal(saved, Save(LinearTextModelTrainer.Train(rows, new ModelDescription("category", "test-1", "ten rows"), options)));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_a_message()
    {
        var bytes = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(bytes, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("text,category\n"u8);
        }

        bytes.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => LinearTextModel.Load(bytes));
        Assert.Contains("Not a ComplaintFlow text model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void A_policy_with_a_model_weight_outside_0_to_1_is_refused(string weight)
    {
        var json = $$"""
            { "sentimentModel": { "weight": {{weight}} },
              "rules": [ { "id": "x", "kind": "keywords", "description": "d", "weight": 1, "keywords": [ "a" ] } ],
              "categories": [ { "id": "billing", "keywords": [ "bill" ] } ] }
            """;
        var error = Assert.Throws<TriagePolicyException>(() => TriagePolicy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));
        Assert.Contains("sentimentModel.weight: must be 0..1", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Save(LinearTextModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private static Evaluation Evaluate(IEnumerable<(string Text, string Label)> rows, Func<TextDocument, SentimentResult> analyze) =>
        Evaluation.Of(rows.Select((r, i) => (r.Label, TriageEvaluationTests.Polarity(analyze(new TextDocument(i.ToString(CultureInfo.InvariantCulture), r.Text, null)).Label))));
}
