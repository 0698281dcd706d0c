using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary>
/// The lexicon and the learned sentiment model together. The lexicon reads what it knows (negation, boosters,
/// Cantonese, complaint phrases) and says which words moved it; the model has seen thousands of labelled sentences
/// and catches complaints in words no list holds ("50 minute wait", "site is down"). The score is a weighted sum of
/// the two (<see cref="SentimentModelBlend.Weight"/> in the policy), labelled with the lexicon's thresholds, and
/// the result says what each said ("model: negative 0.87; lexicon: -0.62"), so the reason is still there to read.
/// Text the lexicon does not score (empty, an unsupported script) or finds no sentiment word in stays the lexicon's
/// answer (the model's view is noted, not counted).
/// </summary>
public sealed class BlendedAnalyzer(LexiconAnalyzer lexicon, LinearTextModel model, double modelWeight) : ITextAnalyzer
{
    public const string AnalyzerName = "lexicon+model";

    private readonly int _negative = IndexOf(model, "negative");
    private readonly int _neutral = IndexOf(model, "neutral");
    private readonly int _positive = IndexOf(model, "positive");

    public string Name => AnalyzerName;

    public double ModelWeight => modelWeight;

    public Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken) =>
        LexiconAnalyzer.AnalyzeEach(documents, Analyze, cancellationToken);

    public SentimentResult Analyze(TextDocument document)
    {
        var prepared = TextInspection.Prepare(document.Text);
        var byLexicon = lexicon.Analyze(prepared, document);
        if (modelWeight <= 0 || prepared.Text.Length == 0 || prepared.Findings.HasFlag(TextFindings.UnsupportedScript)
            || model.Predict(prepared.Text) is not { } prediction)
        {
            return byLexicon;
        }

        var lexiconCompound = byLexicon.Compound ?? 0;
        if (lexiconCompound == 0)
        {
            // Where the lexicon finds no sentiment word the model is shown, not counted: out of fold on the tuning
            // set it read most neutral complaints (inquiries, a meter reading) as negative.
            return byLexicon with
            {
                Notes = [.. byLexicon.Notes, string.Create(CultureInfo.InvariantCulture, $"model: {prediction.Label} {prediction.Probability:0.00} (not counted: no sentiment word for the lexicon)")],
            };
        }

        var negative = prediction.Probabilities[_negative];
        var neutral = prediction.Probabilities[_neutral];
        var positive = prediction.Probabilities[_positive];
        var compound = ((1 - modelWeight) * lexiconCompound) + (modelWeight * (positive - negative));
        var note = string.Create(CultureInfo.InvariantCulture,
            $"model: {prediction.Label} {prediction.Probability:0.00}; lexicon: {lexiconCompound:0.00}; model weight {modelWeight:0.00}");
        return byLexicon with
        {
            Label = LexiconAnalyzer.LabelOf(compound),
            Positive = ((1 - modelWeight) * byLexicon.Positive) + (modelWeight * positive),
            Neutral = ((1 - modelWeight) * byLexicon.Neutral) + (modelWeight * neutral),
            Negative = ((1 - modelWeight) * byLexicon.Negative) + (modelWeight * negative),
            Compound = compound,
            Analyzer = Name,
            Notes = [.. byLexicon.Notes, note],
        };
    }

    private static int IndexOf(LinearTextModel model, string label)
    {
        for (var k = 0; k < model.Labels.Count; k++)
        {
            if (model.Labels[k] == label)
            {
                return k;
            }
        }

        throw new ArgumentException($"A sentiment model needs the labels negative, neutral and positive; '{model.Description.Name}' has {string.Join(", ", model.Labels)}.", nameof(model));
    }
}
