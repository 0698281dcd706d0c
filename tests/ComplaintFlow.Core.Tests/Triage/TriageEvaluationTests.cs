using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using Xunit.Abstractions;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>
/// The evaluation harness: the embedded analyzer and the default policy over the committed labelled set
/// (Triage/Data/complaints-labelled.tsv), with accuracy, macro-F1 and a confusion matrix printed for each label.
/// </summary>
public sealed class TriageEvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<Scored>> Results = new(() => ScoreAll("complaints-labelled.tsv"));
    private static readonly Lazy<IReadOnlyList<Scored>> HeldOut = new(() => ScoreAll("complaints-heldout.tsv"));

    [Fact]
    public void Sentiment_polarity_reaches_macro_F1_of_0_80_on_the_labelled_set()
    {
        var evaluation = Evaluation.Of(Results.Value.Select(r => (r.Labelled.Sentiment, Polarity(r.Triage.Sentiment.Label))));
        output.WriteLine(evaluation.Report("sentiment polarity"));
        PrintMisses(r => r.Labelled.Sentiment, r => Polarity(r.Triage.Sentiment.Label));
        Assert.True(evaluation.MacroF1 >= 0.80, $"sentiment macro-F1 {evaluation.MacroF1:0.000} < 0.80");
    }

    [Fact]
    public void Primary_category_reaches_macro_F1_of_0_75_on_the_labelled_set()
    {
        var evaluation = Evaluation.Of(Results.Value.Select(r => (r.Labelled.Category, r.Triage.PrimaryCategory)));
        output.WriteLine(evaluation.Report("primary category"));
        PrintMisses(r => r.Labelled.Category, r => r.Triage.PrimaryCategory);
        Assert.True(evaluation.MacroF1 >= 0.75, $"category macro-F1 {evaluation.MacroF1:0.000} < 0.75");
    }

    [Fact]
    public void Urgency_agrees_with_the_supervisor_labels_on_most_complaints()
    {
        var evaluation = Evaluation.Of(Results.Value.Select(r => (r.Labelled.Urgency, Urgency(r.Triage.Priority))));
        output.WriteLine(evaluation.Report("urgency (P1/P2 = high, P3 = medium, P4 = low)"));
        PrintMisses(r => r.Labelled.Urgency, r => Urgency(r.Triage.Priority));

        // Urgency has no target in the issue; this guards against a policy change that loses the high ones.
        var high = Results.Value.Where(r => r.Labelled.Urgency == "high").ToList();
        var found = high.Count(r => r.Triage.Priority <= Priority.P2);
        output.WriteLine($"high-urgency complaints given P1/P2: {found}/{high.Count}");
        Assert.True(found >= high.Count * 0.8, $"only {found} of {high.Count} high-urgency complaints got P1/P2");
    }

    [Fact]
    public void The_labelled_set_is_large_and_varied_enough_to_mean_something()
    {
        var set = Results.Value.Select(r => r.Labelled).ToList();
        Assert.True(set.Count >= 300);
        Assert.All(new[] { "en", "zh-Hans", "zh-Hant", "mixed" }, l => Assert.True(set.Count(c => c.Language == l) >= 10, l));
        Assert.All(new[] { "negative", "neutral", "positive" }, s => Assert.True(set.Count(c => c.Sentiment == s) >= 30, s));
        Assert.Equal(TriagePolicy.Default.Categories.Count + 1, set.Select(c => c.Category).Distinct().Count());
    }

    [Fact]
    public void Held_out_complaints_never_used_for_tuning_keep_the_sentiment_target()
    {
        var sentiment = Evaluation.Of(HeldOut.Value.Select(r => (r.Labelled.Sentiment, Polarity(r.Triage.Sentiment.Label))));
        var category = Evaluation.Of(HeldOut.Value.Select(r => (r.Labelled.Category, r.Triage.PrimaryCategory)));
        output.WriteLine(sentiment.Report("held-out sentiment polarity"));
        output.WriteLine(category.Report("held-out primary category"));
        foreach (var miss in HeldOut.Value.Where(r => r.Labelled.Sentiment != Polarity(r.Triage.Sentiment.Label) || r.Labelled.Category != r.Triage.PrimaryCategory))
        {
            output.WriteLine($"  {miss.Labelled.Id} expected {miss.Labelled.Sentiment}/{miss.Labelled.Category}, got {Polarity(miss.Triage.Sentiment.Label)}/{miss.Triage.PrimaryCategory} | {miss.Labelled.Text}");
        }

        // Sentiment holds its target on text it was not tuned on. The category keywords do not yet (about 0.62 when
        // written): printed, not asserted, and not tuned against, or the set would stop being held out.
        Assert.True(HeldOut.Value.Count >= 60);
        Assert.True(sentiment.MacroF1 >= 0.80, $"held-out sentiment macro-F1 {sentiment.MacroF1:0.000} < 0.80");
    }

    /// <summary>Mixed means both; in a complaint the negative part is what needs handling.</summary>
    internal static string Polarity(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Neutral => "neutral",
        _ => "negative",
    };

    private static string Urgency(Priority priority) => priority switch
    {
        Priority.P1 or Priority.P2 => "high",
        Priority.P3 => "medium",
        _ => "low",
    };

    private void PrintMisses(Func<Scored, string> expected, Func<Scored, string> actual)
    {
        foreach (var miss in Results.Value.Where(r => expected(r) != actual(r)).Take(80))
        {
            output.WriteLine($"  {miss.Labelled.Id} expected {expected(miss)}, got {actual(miss)}: {miss.Triage.Explanation} | {miss.Labelled.Text}");
        }
    }

    private static IReadOnlyList<Scored> ScoreAll(string file)
    {
        var analyzer = new LexiconAnalyzer();
        var engine = new TriageEngine(TriagePolicy.Default);
        return [.. LabelledComplaint.Load(file).Select(c =>
        {
            var sentiment = analyzer.Analyze(new TextDocument(c.Id, c.Text, null));
            var triage = engine.Score(new TriageInput { Text = c.Text, Language = sentiment.Language ?? "en" }, sentiment);
            return new Scored(c, triage);
        })];
    }

    private sealed record Scored(LabelledComplaint Labelled, TriageResult Triage);
}

public sealed record LabelledComplaint(string Id, string Language, string Sentiment, string Category, string Urgency, string Text)
{
    public static IReadOnlyList<LabelledComplaint> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Triage", "Data", file);
        return [.. File.ReadLines(path, Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new LabelledComplaint(f[0], f[1], f[2], f[3], f[4], f[5]))];
    }
}

/// <summary>Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of a labelling.</summary>
public sealed class Evaluation
{
    private readonly Dictionary<(string Expected, string Actual), int> _counts = [];

    private Evaluation(IReadOnlyList<string> labels) => Labels = labels;

    public IReadOnlyList<string> Labels { get; }
    public int Total { get; private set; }
    public int Correct { get; private set; }
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
    public double MacroF1 => Labels.Average(F1);

    public static Evaluation Of(IEnumerable<(string Expected, string Actual)> pairs)
    {
        var list = pairs.ToList();
        var evaluation = new Evaluation([.. list.Select(p => p.Expected).Distinct().Order(StringComparer.Ordinal)]);
        foreach (var pair in list)
        {
            evaluation._counts[pair] = evaluation._counts.GetValueOrDefault(pair) + 1;
            evaluation.Total++;
            if (pair.Expected == pair.Actual)
            {
                evaluation.Correct++;
            }
        }

        return evaluation;
    }

    public double F1(string label)
    {
        var truePositive = _counts.GetValueOrDefault((label, label));
        var predicted = _counts.Where(c => c.Key.Actual == label).Sum(c => c.Value);
        var actual = _counts.Where(c => c.Key.Expected == label).Sum(c => c.Value);
        var precision = predicted == 0 ? 0 : (double)truePositive / predicted;
        var recall = actual == 0 ? 0 : (double)truePositive / actual;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    public string Report(string title)
    {
        var columns = Labels.Concat(_counts.Keys.Select(k => k.Actual).Where(a => !Labels.Contains(a)).Distinct()).ToList();
        var width = Math.Max(10, columns.Max(c => c.Length) + 1);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{title}: n={Total}, accuracy {Accuracy:0.000}, macro-F1 {MacroF1:0.000}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"expected \\ got".PadRight(width)}{string.Concat(columns.Select(c => c.PadLeft(width)))}{"F1".PadLeft(8)}");
        foreach (var expected in Labels)
        {
            report.Append(expected.PadRight(width));
            foreach (var actual in columns)
            {
                report.Append(_counts.GetValueOrDefault((expected, actual)).ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            report.AppendLine(F1(expected).ToString("0.000", CultureInfo.InvariantCulture).PadLeft(8));
        }

        return report.ToString();
    }
}
