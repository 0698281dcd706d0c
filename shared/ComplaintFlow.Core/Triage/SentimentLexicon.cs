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

    /// <remarks>
    /// A term that is both rated and a booster (好: good, and "very" in 好慢) keeps both parts: the analyzer
    /// decides from what follows it. A modifier of another kind is only a modifier.
    /// </remarks>
    public SentimentLexicon(IReadOnlyDictionary<string, double> valences, IReadOnlyDictionary<string, (ModifierKind Kind, double Amount)> modifiers)
    {
        var keywords = new List<string>(valences.Count + modifiers.Count);
        var valence = new List<float>();
        var kinds = new List<ModifierKind>();
        var amounts = new List<float>();
        foreach (var (term, value) in valences)
        {
            var (kind, amount) = modifiers.TryGetValue(term, out var modifier) && modifier.Kind == ModifierKind.Booster ? modifier : (ModifierKind.None, 0);
            keywords.Add(term);
            valence.Add((float)value);
            kinds.Add(kind);
            amounts.Add((float)amount);
        }

        foreach (var (term, (kind, amount)) in modifiers)
        {
            if (kind == ModifierKind.Booster && valences.ContainsKey(term))
            {
                continue;
            }

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
                // VADER's number slang (86, 143, 187...) reads prices, order numbers and room numbers in complaints.
                if (term.Length > 0 && parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && !term.All(char.IsAsciiDigit))
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

            // A word that is both (VADER rates "no" -1.2) acts as a modifier; a booster keeps both parts (好).
            if (kind != ModifierKind.Booster)
            {
                valences.Remove(term);
            }
        }

        // Words that hold a single-character term without meaning it (好 in 好像, 好久, 只好): the longest match
        // wins, so listing them unrated blocks the shorter one.
        foreach (var line in TriageData.Lines("zh-compounds.txt"))
        {
            var term = TextFold.Fold(line.Split('\t')[0].Trim());
            if (term.Length > 0 && !valences.ContainsKey(term))
            {
                modifiers.TryAdd(term, (ModifierKind.None, 0));
            }
        }

        return new SentimentLexicon(valences, modifiers);
    }
}
