using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Bench.Triage;

/// <summary>
/// <c>--train</c>: trains the default sentiment model (scripts/train-triage-model.sh runs it). Reads the UCI
/// "Sentiment Labelled Sentences" files from a local folder (fetched beforehand, never here) and the project's
/// tuning set (complaints-labelled.tsv); never reads complaints-heldout.tsv. Steps, all seeded:
/// 1. split each UCI file 80/20; the 20 % is written out as the public held-out set the tests evaluate on;
/// 2. choose the blend weight by 5-fold cross-validation on the tuning set (each fold scored by a model that did
///    not see it), maximising blended macro-F1;
/// 3. train on all training rows and write the model.
/// </summary>
public static class SentimentTraining
{
    private const int Seed = 42;
    private const int Folds = 5;

    private static readonly string[] UciFiles = ["amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"];

    public static int Run(string[] args)
    {
        var data = Argument(args, "--data") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? ".", ".cache", "complaintflow", "uci-sentiment");
        var tuning = Argument(args, "--labelled") ?? "tests/ComplaintFlow.Core.Tests/Triage/Data/complaints-labelled.tsv";
        var output = Argument(args, "--out") ?? "shared/ComplaintFlow.Core/Triage/Data/" + LinearTextModel.SentimentResourceName;
        var heldOutOutput = Argument(args, "--heldout-out") ?? "tests/ComplaintFlow.Core.Tests/Triage/Data/uci-sentiment-heldout.tsv";
        if (UciFiles.Any(f => !File.Exists(Path.Combine(data, f))))
        {
            Console.Error.WriteLine($"The UCI files ({string.Join(", ", UciFiles)}) are not in {data}: run scripts/fetch-triage-training-data.sh first, or pass --data <folder>.");
            return 2;
        }

        var (uciTrain, uciHeldOut) = SplitUci(data);
        var tuningRows = ReadTuningSet(tuning);
        Console.WriteLine($"UCI: {uciTrain.Count} training, {uciHeldOut.Count} held out; tuning set: {tuningRows.Count} rows");
        WriteHeldOut(heldOutOutput, uciHeldOut);

        var defaults = new TrainingOptions();
        var options = defaults with
        {
            Bits = int.Parse(Argument(args, "--bits") ?? defaults.Bits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            Epochs = int.Parse(Argument(args, "--epochs") ?? defaults.Epochs.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            LearningRate = double.Parse(Argument(args, "--rate") ?? defaults.LearningRate.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            L2 = double.Parse(Argument(args, "--l2") ?? defaults.L2.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            BalanceLabels = Argument(args, "--balance") != "false",
        };
        var repeat = int.Parse(Argument(args, "--repeat") ?? "4", CultureInfo.InvariantCulture);

        var weight = ChooseWeight(uciTrain, tuningRows, options, repeat);

        var version = string.Create(CultureInfo.InvariantCulture, $"sentiment-{options.Bits}b-uci{uciTrain.Count}-tuning{tuningRows.Count}x{repeat}-seed{Seed}");
        var notes = string.Create(CultureInfo.InvariantCulture,
            $"UCI Sentiment Labelled Sentences (CC BY 4.0) 80 % split + ComplaintFlow complaints-labelled.tsv x{repeat}; {options.Epochs} epochs, rate {options.LearningRate}, L2 {options.L2}; cross-validated blend weight {weight:0.00}");
        var model = LinearTextModelTrainer.Train([.. uciTrain, .. Repeat(tuningRows, repeat)], new ModelDescription("sentiment", version, notes), options);
        using (var file = File.Create(output))
        {
            model.Save(file);
        }

        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes), {version}");
        using (var file = File.OpenRead(output))
        {
            model = LinearTextModel.Load(file);
        }

        var lexicon = new LexiconAnalyzer();
        var heldOut = uciHeldOut.Select(r => (r, lexicon.Analyze(new TextDocument("u", r.Text, null)).Compound ?? 0, model.Predict(r.Text))).ToList();
        Console.WriteLine("UCI held-out split (binary labels; a neutral answer counts as wrong):");
        Report("  lexicon alone", heldOut.Select(h => (h.r.Label, Label(h.Item2))));
        Report("  model alone", heldOut.Select(h => (h.r.Label, h.Item3?.Label ?? "neutral")));
        Report("  blended", heldOut.Select(h => (h.r.Label, Label(Blend(h.Item2, h.Item3 is { } p ? model.ProbabilityOf(p, "positive") - model.ProbabilityOf(p, "negative") : null, weight)))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"set sentimentModel.weight to {weight:0.00} in Triage/Data/triage-policy.json"));
        return 0;
    }

    /// <summary>
    /// Out-of-fold scores on the tuning set and on the UCI training split (fold k's model trained on neither's fold
    /// k), then the weight (0 .. 1 by 0.05) with the best mean of the two macro-F1s (the smaller on a tie): the lexicon was tuned on the
    /// tuning set, so on it alone the lexicon would always win; the reviews are text it was not written for.
    /// </summary>
    private static double ChooseWeight(List<LabelledText> uciTrain, List<LabelledText> tuningRows, TrainingOptions options, int repeat)
    {
        var lexicon = new LexiconAnalyzer();
        var tuning = OutOfFold(tuningRows);
        var uci = OutOfFold(uciTrain);
        for (var fold = 0; fold < Folds; fold++)
        {
            var training = uciTrain.Where((_, i) => uci[i].Fold != fold)
                .Concat(Repeat(tuningRows.Where((_, i) => tuning[i].Fold != fold), repeat)).ToList();
            var model = LinearTextModelTrainer.Train(training, new ModelDescription("sentiment", "fold", ""), options);
            foreach (var scored in tuning.Concat(uci).Where(t => t.Fold == fold))
            {
                scored.Lexicon = lexicon.Analyze(new TextDocument("t", scored.Row.Text, null)).Compound ?? 0;
                var prediction = model.Predict(scored.Row.Text);
                scored.Model = prediction is { } p ? model.ProbabilityOf(p, "positive") - model.ProbabilityOf(p, "negative") : null;
                scored.ModelLabel = prediction?.Label ?? "neutral";
            }
        }

        Report("  lexicon alone (tuning set)", tuning.Select(t => (t.Row.Label, Label(t.Lexicon))));
        Report("  model alone (tuning set, out of fold)", tuning.Select(t => (t.Row.Label, t.ModelLabel)));
        Report("  model alone (UCI training split, out of fold)", uci.Select(t => (t.Row.Label, t.ModelLabel)));
        var grid = new List<(double Weight, double Mean)>();
        Console.WriteLine("blend weight, out of fold (macro-F1 tuning set / UCI training split / mean):");
        for (var step = 0; step <= 20; step++)
        {
            var weight = step / 20.0;
            var onTuning = LinearTextModelTrainer.Score([.. tuning.Select(t => (t.Row.Label, Label(Blend(t.Lexicon, t.Model, weight))))]).MacroF1;
            var onUci = LinearTextModelTrainer.Score([.. uci.Select(t => (t.Row.Label, Label(Blend(t.Lexicon, t.Model, weight))))]).MacroF1;
            var mean = (onTuning + onUci) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {weight:0.00}: {onTuning:0.000} / {onUci:0.000} / {mean:0.000}"));
            grid.Add((weight, mean));
        }

        // The best mean; on a tie the smaller weight, since the lexicon's part of a score is the part that names its words.
        var top = grid.Max(g => g.Mean);
        return grid.First(g => g.Mean >= top - 1e-9).Weight;
    }

    /// <summary>Rows dealt into folds in a seeded order.</summary>
    private static List<FoldScore> OutOfFold(List<LabelledText> rows)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(Seed).Shuffle(order);
        var fold = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            fold[order[i]] = i % Folds;
        }

        return [.. rows.Select((r, i) => new FoldScore(r, fold[i]))];
    }

    private sealed class FoldScore(LabelledText row, int fold)
    {
        public LabelledText Row => row;
        public int Fold => fold;
        public double Lexicon { get; set; }
        public double? Model { get; set; }
        public string ModelLabel { get; set; } = "neutral";
    }

    /// <summary>The blend <see cref="BlendedAnalyzer"/> computes, on the model's positive minus negative probability.</summary>
    private static double Blend(double lexicon, double? model, double weight) =>
        model is not { } m || lexicon == 0 ? lexicon : ((1 - weight) * lexicon) + (weight * m);

    private static string Label(double compound) => LexiconAnalyzer.LabelOf(compound) switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Neutral => "neutral",
        _ => "negative",
    };

    private static void Report(string title, IEnumerable<(string Expected, string Actual)> pairs)
    {
        var list = pairs.ToList();
        var (f1, accuracy) = LinearTextModelTrainer.Score(list);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: macro-F1 {f1:0.000}, accuracy {accuracy:0.000}"));
        foreach (var expected in list.Select(p => p.Expected).Distinct().Order(StringComparer.Ordinal))
        {
            var row = list.Where(p => p.Expected == expected).GroupBy(p => p.Actual).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"    {expected,-9} -> {string.Join(", ", row)}");
        }
    }

    /// <summary>Each file shuffled with the fixed seed; the first fifth held out. Labels 0/1 become negative/positive.</summary>
    private static (List<LabelledText> Train, List<LabelledText> HeldOut) SplitUci(string folder)
    {
        var train = new List<LabelledText>();
        var heldOut = new List<LabelledText>();
        foreach (var name in UciFiles)
        {
            var rows = File.ReadLines(Path.Combine(folder, name), Encoding.Latin1)
                .Select(l => l.TrimEnd('\r'))
                .Select(l => (Line: l, Tab: l.LastIndexOf('\t')))
                .Where(p => p.Tab > 0 && p.Line[(p.Tab + 1)..].Trim() is "0" or "1")
                .Select(p => new LabelledText(Clean(p.Line[..p.Tab]), p.Line[(p.Tab + 1)..].Trim() == "1" ? "positive" : "negative"))
                .ToArray();
            new Random(Seed).Shuffle(rows);
            var cut = rows.Length / 5;
            heldOut.AddRange(rows[..cut]);
            train.AddRange(rows[cut..]);
        }

        return (train, heldOut);
    }

    /// <summary>The IMDb file quotes some sentences and pads them with spaces.</summary>
    private static string Clean(string sentence)
    {
        var s = sentence.Trim();
        return s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Trim() : s;
    }

    private static List<LabelledText> ReadTuningSet(string path) =>
        [.. File.ReadLines(path, Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new LabelledText(f[5], f[2]))];

    private static void WriteHeldOut(string path, List<LabelledText> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("# UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015; CC BY 4.0), the 20 % of each file held out by");
        text.AppendLine("# scripts/train-triage-model.sh (seed 42) and never trained or tuned on. Columns: label, sentence.");
        foreach (var row in rows)
        {
            text.Append(row.Label).Append('\t').AppendLine(row.Text.Replace('\t', ' '));
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        Console.WriteLine($"wrote {path} ({rows.Count} rows)");
    }

    /// <summary>Complaints count more than review sentences: each tuning row is seen this many times per epoch.</summary>
    private static IEnumerable<LabelledText> Repeat(IEnumerable<LabelledText> rows, int times) => rows.SelectMany(r => Enumerable.Repeat(r, times));

    internal static string? Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
