using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Bench.Triage;

/// <summary>
/// <c>--category</c> (scripts/train-category-model.sh): the default category model and its blend weight.
/// 1. Tuning: 5-fold cross-validation on the tuning set (complaints-labelled.tsv) only: fold k's model is trained on
///    the other folds, and each row's category is decided by the triage engine (keywords + that model) at every
///    weight 0..1 by 0.05; the weight with the best macro-F1 wins (ties: the smaller weight).
/// 2. The model is trained on the whole tuning set and written to Triage/Data/category-model.bin.gz.
/// 3. Evaluation, once: keywords alone, model alone and the blend at the chosen weight on complaints-heldout.tsv
///    (read only here, only to score).
/// <c>--learning-curve --data &lt;folder&gt;</c>: macro-F1 against examples per category on BANKING77.
/// </summary>
public static class CategoryTraining
{
    private const int Folds = 5;

    public static int Run(string[] args)
    {
        var data = SentimentTraining.Argument(args, "--labelled-folder") ?? "tests/ComplaintFlow.Core.Tests/Triage/Data";
        var output = SentimentTraining.Argument(args, "--output") ?? "shared/ComplaintFlow.Core/Triage/Data/" + LinearTextModel.CategoryResourceName;
        var tuning = Read(Path.Combine(data, "complaints-labelled.tsv"));
        var policy = TriagePolicy.Default;
        var options = CategoryRetraining.Training;

        var order = Enumerable.Range(0, tuning.Count).ToArray();
        new Random(CategoryRetraining.Seed).Shuffle(order);
        var foldModels = new LinearTextModel[Folds];
        var foldOf = new int[tuning.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var inFold = order.Where((_, i) => i % Folds == fold).ToHashSet();
            foreach (var i in inFold)
            {
                foldOf[i] = fold;
            }

            foldModels[fold] = LinearTextModelTrainer.Train([.. tuning.Where((_, i) => !inFold.Contains(i))], new ModelDescription("category", "fold", ""), options);
        }

        Console.WriteLine("weight  tuning set out of fold: macro-F1 (accuracy)");
        var best = (Weight: 0.0, F1: -1.0);
        for (var step = 0; step <= 20; step++)
        {
            var weight = step / 20.0;
            var engines = foldModels.Select(m => new TriageEngine(policy, new FixedCategoryModel(m, weight))).ToArray();
            var (f1, accuracy) = LinearTextModelTrainer.Score([.. tuning.Select((r, i) => (r.Label, Category(engines[foldOf[i]], r.Text)))]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{weight:0.00}    {f1:0.000} ({accuracy:0.000})"));
            if (f1 > best.F1 + 1e-9)
            {
                best = (weight, f1);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chosen weight {best.Weight:0.00} (out-of-fold macro-F1 {best.F1:0.000}); set categoryModel.weight in Triage/Data/triage-policy.json"));

        var version = $"category-16b-tuning{tuning.Count}-seed{CategoryRetraining.Seed}";
        var model = LinearTextModelTrainer.Train(tuning, new ModelDescription("category", version,
            string.Create(CultureInfo.InvariantCulture, $"trained on complaints-labelled.tsv ({tuning.Count} rows, the tuning set), {options.Epochs} epochs, seed {options.Seed}; blend weight {best.Weight:0.00} by 5-fold cross-validation")), options);
        using (var file = File.Create(output))
        {
            model.Save(file);
        }

        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes), {version}");

        var heldOut = Read(Path.Combine(data, "complaints-heldout.tsv"));
        Report($"held-out ({heldOut.Count}), keywords alone", heldOut.Select(r => (r.Label, Category(new TriageEngine(policy), r.Text))));
        Report($"held-out ({heldOut.Count}), model alone", heldOut.Select(r => (r.Label, model.Predict(r.Text)?.Label ?? policy.FallbackCategory)));
        Report($"held-out ({heldOut.Count}), keywords + model (w = {best.Weight:0.00})", heldOut.Select(r => (r.Label, Category(new TriageEngine(policy, new FixedCategoryModel(model, best.Weight)), r.Text))));
        return 0;
    }

    /// <summary>
    /// <c>--learning-curve --data &lt;folder&gt;</c>: BANKING77 (train.csv, test.csv from PolyAI-LDN/task-specific-datasets,
    /// banking_data/). For each number of examples per category, a seeded sample of the training file is trained on
    /// (the same options as a retrain) and scored on the whole test file. Writes the table to --output.
    /// </summary>
    public static int LearningCurve(string[] args)
    {
        var data = SentimentTraining.Argument(args, "--data") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache/complaintflow/banking77");
        var output = SentimentTraining.Argument(args, "--output") ?? "bench/ComplaintFlow.Bench.Triage/learning-curve-banking77.tsv";
        var train = ReadCsv(Path.Combine(data, "train.csv"));
        var test = ReadCsv(Path.Combine(data, "test.csv"));
        var categories = train.Select(r => r.Label).Distinct().Count();
        Console.WriteLine($"BANKING77: {train.Count} training rows, {test.Count} test rows, {categories} categories");
        var lines = new List<string>
        {
            "# Learning curve of the category model on BANKING77 (scripts/learning-curve.sh): macro-F1 and accuracy on the test file against examples per category.",
            "examples_per_category\ttraining_rows\tmacro_f1\taccuracy",
        };
        foreach (var perCategory in new[] { 5, 10, 20, 40, 80, int.MaxValue })
        {
            var random = new Random(CategoryRetraining.Seed);
            var sample = train.GroupBy(r => r.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g =>
                {
                    var rows = g.ToArray();
                    random.Shuffle(rows);
                    return rows.Take(perCategory);
                }).ToList();
            var model = LinearTextModelTrainer.Train(sample, new ModelDescription("category", "banking77", ""), CategoryRetraining.Training);
            var (f1, accuracy) = LinearTextModelTrainer.Score([.. test.Select(r => (r.Label, model.Predict(r.Text)?.Label ?? ""))]);
            var label = perCategory == int.MaxValue ? "all" : perCategory.ToString(CultureInfo.InvariantCulture);
            var line = string.Create(CultureInfo.InvariantCulture, $"{label}\t{sample.Count}\t{f1:0.000}\t{accuracy:0.000}");
            Console.WriteLine(line);
            lines.Add(line);
        }

        File.WriteAllLines(output, lines);
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    private static string Category(TriageEngine engine, string text) =>
        engine.Score(new TriageInput { Text = text, Language = "en" }, Neutral).PrimaryCategory;

    private static readonly SentimentResult Neutral = new()
    {
        DocumentId = "1",
        Label = SentimentLabel.Neutral,
        Positive = 0,
        Neutral = 1,
        Negative = 0,
        Analyzer = "none",
    };

    private static void Report(string title, IEnumerable<(string Expected, string Actual)> pairs)
    {
        var (f1, accuracy) = LinearTextModelTrainer.Score([.. pairs]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"category, {title}: macro-F1 {f1:0.000}, accuracy {accuracy:0.000}"));
    }

    private static List<LabelledText> Read(string path) =>
        [.. File.ReadLines(path, Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new LabelledText(f[5], f[3]))];

    /// <summary>BANKING77's files: a header "text,category", then rows (RFC 4180 quoting), read as an import is.</summary>
    private static List<LabelledText> ReadCsv(string path)
    {
        var parsed = LabelledCsv.Parse(File.ReadAllText(path, Encoding.UTF8), known: null);
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine($"{path}: {error}");
        }

        return [.. parsed.Rows];
    }
}
