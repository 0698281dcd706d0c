using System.Globalization;

namespace ComplaintFlow.Core.Triage;

/// <summary>How a word changes the sentiment word after it.</summary>
public enum ModifierKind
{
    None,
    Negator,
    Booster,
    Dampener,
    Contrast,
}

/// <summary>
/// The embedded lexicons as one keyword automaton: VADER (English), the project's own English complaint terms and
/// Chinese list, and the modifiers (negators, boosters, dampeners, contrast words).
/// </summary>
public sealed class SentimentLexicon
{
    private static readonly Lazy<SentimentLexicon> Embedded = new(LoadEmbedded);
    private readonly float[] _valence;
    private readonly ModifierKind[] _modifier;
    private readonly float[] _amount;

    public SentimentLexicon(IReadOnlyDictionary<string, double> valences, IReadOnlyDictionary<string, (ModifierKind Kind, double Amount)> modifiers)
    {
        var keywords = new List<string>(valences.Count + modifiers.Count);
        var valence = new List<float>();
        var kinds = new List<ModifierKind>();
        var amounts = new List<float>();
        foreach (var (term, value) in valences)
        {
            keywords.Add(term);
            valence.Add((float)value);
            kinds.Add(ModifierKind.None);
            amounts.Add(0);
        }

        foreach (var (term, (kind, amount)) in modifiers)
        {
            keywords.Add(term);
            valence.Add(0);
            kinds.Add(kind);
            amounts.Add((float)amount);
        }

        Automaton = new KeywordAutomaton(keywords);
        _valence = [.. valence];
        _modifier = [.. kinds];
        _amount = [.. amounts];
    }

    public static SentimentLexicon Default => Embedded.Value;

    public KeywordAutomaton Automaton { get; }

    public float Valence(int pattern) => _valence[pattern];

    public ModifierKind Modifier(int pattern) => _modifier[pattern];

    public float Amount(int pattern) => _amount[pattern];

    private static SentimentLexicon LoadEmbedded()
    {
        // Later files win: the project's own terms override VADER where both rate a word.
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in new[] { "vader-lexicon.txt", "en-domain.txt", "zh-sentiment.txt" })
        {
            foreach (var line in TriageData.Lines(file))
            {
                var parts = line.Split('\t');
                var term = TextFold.Fold(parts[0].Trim());
                if (term.Length > 0 && parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    valences[term] = value;
                }
            }
        }

        var modifiers = new Dictionary<string, (ModifierKind, double)>(StringComparer.Ordinal);
        foreach (var line in TriageData.Lines("modifiers.txt"))
        {
            var parts = line.Split('\t');
            var term = TextFold.Fold(parts[0].Trim());
            var kind = Enum.Parse<ModifierKind>(parts[1], ignoreCase: true);
            modifiers[term] = (kind, double.Parse(parts[2], CultureInfo.InvariantCulture));

            // A word that is both (VADER rates "no" -1.2) acts as a modifier.
            valences.Remove(term);
        }

        return new SentimentLexicon(valences, modifiers);
    }
}
