using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Bench.Triage;

/// <summary>
/// <c>--category</c>: how far a category model learned from the tuning set's <c>text,category</c> rows alone carries,
/// next to the keyword taxonomy. Nothing is written or shipped: it measures what the desk-taught model (issue 15,
/// item 5) can expect from about 300 examples. 5-fold cross-validation on the tuning set, then one model trained on
/// all of it and scored on the held-out complaints (read only to score).
/// </summary>
public static class CategoryTraining
{
    private const int Seed = 42;
    private const int Folds = 5;

    public static int Run(string[] args)
    {
        var data = SentimentTraining.Argument(args, "--labelled-folder") ?? "tests/ComplaintFlow.Core.Tests/Triage/Data";
        var tuning = Read(Path.Combine(data, "complaints-labelled.tsv"));
        var heldOut = Read(Path.Combine(data, "complaints-heldout.tsv"));
        var options = new TrainingOptions { Epochs = 30 };

        var order = Enumerable.Range(0, tuning.Count).ToArray();
        new Random(Seed).Shuffle(order);
        var predicted = new string[tuning.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var inFold = order.Where((_, i) => i % Folds == fold).ToHashSet();
            var model = LinearTextModelTrainer.Train([.. tuning.Where((_, i) => !inFold.Contains(i))], new ModelDescription("category", "fold", ""), options);
            foreach (var i in inFold)
            {
                predicted[i] = model.Predict(tuning[i].Text)?.Label ?? "other";
            }
        }

        Report($"tuning set ({tuning.Count}), 5-fold out of fold", tuning.Select((r, i) => (r.Label, predicted[i])));
        var full = LinearTextModelTrainer.Train(tuning, new ModelDescription("category", "tuning", ""), options);
        Report($"held-out complaints ({heldOut.Count}), model trained on the tuning set", heldOut.Select(r => (r.Label, full.Predict(r.Text)?.Label ?? "other")));
        return 0;
    }

    private static void Report(string title, IEnumerable<(string Expected, string Actual)> pairs)
    {
        var (f1, accuracy) = LinearTextModelTrainer.Score([.. pairs]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"category model, {title}: macro-F1 {f1:0.000}, accuracy {accuracy:0.000}"));
    }

    private static List<LabelledText> Read(string path) =>
        [.. File.ReadLines(path, Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new LabelledText(f[5], f[3]))];
}
