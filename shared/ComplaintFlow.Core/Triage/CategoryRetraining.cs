using System.ComponentModel.DataAnnotations;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary><c>ComplaintFlow:CategoryModel</c>: how the category model is retrained and how often triage looks for a new one.</summary>
public sealed class CategoryModelOptions
{
    public const string Section = "ComplaintFlow:CategoryModel";

    /// <summary>How often triage reads the "current" pointer in Blob and loads a new version.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The share of each category's examples held out to validate the retrained model (seeded, stratified).</summary>
    [Range(0.1, 0.5)]
    public double HoldOutShare { get; set; } = 0.2;

    /// <summary>Fewer examples than this (resolved, corrected and imported together): no retrain.</summary>
    [Range(20, 10_000_000)]
    public int MinimumExamples { get; set; } = 100;

    /// <summary>Complaints received this many days back are read for examples.</summary>
    [Range(1, 3650)]
    public int ExampleWindowDays { get; set; } = 730;
}

/// <summary>What one retrain run did; stored and logged. Figures and counts only: no complaint text.</summary>
/// <param name="Outcome"><see cref="CategoryRetrainOutcomes"/>.</param>
/// <param name="CandidateMacroF1">Triage's category macro-F1 on the held-out share with the candidate at its weight.</param>
/// <param name="CurrentMacroF1">The same with what triage uses now (the current model at its weight, or the keywords alone).</param>
/// <param name="CurrentVersion">A stored version, <c>shipped</c>, or <c>keywords</c> when no model is in use.</param>
public sealed record CategoryRetrainRun(
    DateTimeOffset At,
    string Outcome,
    int Examples,
    int Training,
    int HeldOut,
    double? CandidateMacroF1,
    double? CurrentMacroF1,
    string? CurrentVersion,
    string? NewVersion,
    double? CandidateWeight,
    IReadOnlyDictionary<string, int> ExamplesPerCategory);

public static class CategoryRetrainOutcomes
{
    /// <summary>Not worse than the current model on the held-out share: stored and made current.</summary>
    public const string Accepted = "accepted";

    /// <summary>Worse than the current model on the held-out share: not stored, the current model stays.</summary>
    public const string Refused = "refused";

    /// <summary>Too few examples, or fewer than two categories: nothing trained.</summary>
    public const string NotEnoughExamples = "not-enough-examples";
}

/// <summary>
/// The rule a retrained category model must pass. The examples are split per category in a seeded order (the held-out
/// share of each category, at least one row of any category with two or more); the candidate is trained on the rest;
/// its weight beside the keywords is the one (0 to 1 by 0.05, ties: the smaller) that gives triage's category the best
/// macro-F1 on the held-out rows; and it replaces the current model only when that macro-F1 is not below what triage
/// does now (the keywords with the current model at its weight) on the same rows: never a worse model. Pure: the same
/// examples give the same split, candidate, weight and decision.
/// </summary>
public static class CategoryRetraining
{
    public const int Seed = 42;

    /// <summary>The options the category models are trained with (30 epochs: a few hundred rows need more passes than thousands).</summary>
    public static TrainingOptions Training { get; } = new() { Epochs = 30 };

    private static readonly SentimentResult NoSentiment = new() { DocumentId = "category", Label = SentimentLabel.Neutral, Positive = 0, Neutral = 1, Negative = 0, Analyzer = "none" };

    public static (List<LabelledText> Training, List<LabelledText> HeldOut) Split(IReadOnlyList<LabelledText> examples, double heldOutShare, int seed = Seed)
    {
        var training = new List<LabelledText>();
        var heldOut = new List<LabelledText>();
        var random = new Random(seed);
        foreach (var group in examples.GroupBy(e => e.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            var take = rows.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(rows.Length * heldOutShare, MidpointRounding.AwayFromZero));
            heldOut.AddRange(rows.Take(take));
            training.AddRange(rows.Skip(take));
        }

        return (training, heldOut);
    }

    /// <summary>Macro-F1 of triage's category (the policy's keywords with <paramref name="model"/>, or alone) on labelled rows.</summary>
    public static double MacroF1(TriagePolicy policy, CategoryModelInUse? model, IReadOnlyList<LabelledText> rows)
    {
        var engine = model is null ? new TriageEngine(policy) : new TriageEngine(policy, new FixedCategoryModel(model.Model, model.Weight));
        return LinearTextModelTrainer.Score([.. rows.Select(r => (r.Label, engine.Score(new TriageInput { Text = r.Text, Language = "und" }, NoSentiment).PrimaryCategory))]).MacroF1;
    }

    /// <summary>The weight (0 to 1 by 0.05) that gives the best macro-F1 on the rows; ties go to the smaller.</summary>
    public static (double Weight, double MacroF1) ChooseWeight(TriagePolicy policy, LinearTextModel model, IReadOnlyList<LabelledText> rows)
    {
        var best = (Weight: 0.0, MacroF1: -1.0);
        for (var step = 0; step <= 20; step++)
        {
            var weight = step / 20.0;
            var f1 = MacroF1(policy, new CategoryModelInUse(model, weight, "candidate"), rows);
            if (f1 > best.MacroF1 + 1e-9)
            {
                best = (weight, f1);
            }
        }

        return best;
    }

    /// <summary>Trains a candidate on the training share, chooses its weight and compares it with the current model on the held-out share.</summary>
    public static CategoryCandidate Validate(IReadOnlyList<LabelledText> examples, CategoryModelInUse? current, double heldOutShare, TriagePolicy policy, ModelDescription description)
    {
        var (training, heldOut) = Split(examples, heldOutShare);
        var candidate = LinearTextModelTrainer.Train(training, description, Training);
        var (weight, candidateF1) = ChooseWeight(policy, candidate, heldOut);
        var currentF1 = MacroF1(policy, current, heldOut);
        return new CategoryCandidate(candidate, weight, training.Count, heldOut.Count, candidateF1, currentF1, candidateF1 >= currentF1);
    }
}

/// <param name="Accept">Its macro-F1 on the held-out share is not below the current model's: never a worse model.</param>
public sealed record CategoryCandidate(LinearTextModel Model, double Weight, int Training, int HeldOut, double MacroF1, double CurrentMacroF1, bool Accept);

/// <summary>
/// An organisation's labelled history, <c>text,category</c> (UTF-8, a header row, RFC 4180 quoting: a field in double
/// quotes may hold commas, line breaks and doubled quotes). Every row is checked: a text, and a category of the triage
/// policy (a new category goes into the policy first, keywords may be empty; the keywords stay the cold start).
/// </summary>
public static class LabelledCsv
{
    public sealed record Result(IReadOnlyList<LabelledText> Rows, IReadOnlyList<string> Errors);

    public static Result Parse(string csv, TriagePolicy policy) =>
        Parse(csv, policy.Categories.Select(c => c.Id).Append(policy.FallbackCategory).ToHashSet(StringComparer.Ordinal));

    /// <param name="known">The categories a row may name; null: any (a public data set with its own taxonomy).</param>
    public static Result Parse(string csv, IReadOnlySet<string>? known)
    {
        var rows = new List<LabelledText>();
        var errors = new List<string>();
        var records = Records(csv.TrimStart('\uFEFF'), errors);
        if (records.Count == 0)
        {
            errors.Add("the file is empty: expected a header 'text,category' and rows");
            return new Result(rows, errors);
        }

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var text = header.IndexOf("text");
        var category = header.IndexOf("category");
        if (text < 0 || category < 0)
        {
            errors.Add("line 1: the header must name the columns 'text' and 'category'");
            return new Result(rows, errors);
        }

        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Count)
            {
                errors.Add($"line {line}: {fields.Count} fields, the header has {header.Count}");
                continue;
            }

            var label = fields[category].Trim();
            if (fields[text].Trim().Length == 0)
            {
                errors.Add($"line {line}: no text");
            }
            else if (label.Length == 0 || (known is not null && !known.Contains(label)))
            {
                errors.Add(known is null ? $"line {line}: no category" : $"line {line}: category '{label}' is not in the triage policy ({string.Join(", ", known.Order(StringComparer.Ordinal))})");
            }
            else
            {
                rows.Add(new LabelledText(fields[text], label));
            }
        }

        return new Result(rows, errors);
    }

    private static List<(int Line, List<string> Fields)> Records(string csv, List<string> errors)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var any = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add((start, fields));
                    fields = [];
                    field.Clear();
                    any = false;
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (quoted)
        {
            errors.Add($"line {start}: a quoted field is not closed");
        }
        else if (any || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }

        return records;
    }
}
