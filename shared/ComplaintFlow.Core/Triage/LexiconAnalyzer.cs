using ComplaintFlow.Core.Complaints;
namespace ComplaintFlow.Core.Triage;

/// <summary>
/// The embedded analyzer: no network, English and Chinese (simplified and traditional), after VADER's rules:
/// sum the valence of every lexicon term, flipped by a negator shortly before it (不, 没有, not, never), pushed by
/// a booster (非常, 太, very) or a dampener (有点, slightly), weighted after a contrast word (但是, but), amplified by
/// exclamation marks, repeated question marks and SHOUTING; then squash the sum into -1..1.
/// </summary>
public sealed class LexiconAnalyzer(SentimentLexicon lexicon) : ITextAnalyzer
{
    public const string AnalyzerName = "lexicon";

    // VADER's constants (Hutto and Gilbert, 2014).
    private const double NegationScalar = -0.74;
    private const double CapsIncrement = 0.733;
    private const double ExclamationIncrement = 0.292;
    private const double Alpha = 15;

    // Ours, not VADER's: see the lone negator in Compound.
    private const double LoneNegatorValence = -0.6;

    [ThreadStatic]
    private static List<KeywordMatch>? t_matches;

    public LexiconAnalyzer()
        : this(SentimentLexicon.Default)
    {
    }

    public string Name => AnalyzerName;

    public Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken) =>
        AnalyzeEach(documents, Analyze, cancellationToken);

    /// <summary>The embedded analyzers score in process: one document after the other, no I/O to wait on.</summary>
    internal static Task<IReadOnlyList<SentimentResult>> AnalyzeEach(IReadOnlyList<TextDocument> documents, Func<TextDocument, SentimentResult> analyze, CancellationToken cancellationToken)
    {
        var results = new SentimentResult[documents.Count];
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = analyze(documents[i]);
        }

        return Task.FromResult<IReadOnlyList<SentimentResult>>(results);
    }

    public SentimentResult Analyze(TextDocument document) => Analyze(TextInspection.Prepare(document.Text), document);

    /// <summary>Scores a text already prepared (<see cref="TextInspection.Prepare"/>), so a caller that needs it too prepares it once.</summary>
    internal SentimentResult Analyze(PreparedText prepared, TextDocument document)
    {
        var language = TextInspection.Refine(document.Language, prepared.DetectedLanguage);
        var notes = prepared.Findings == TextFindings.None ? [] : prepared.Notes().ToArray();
        if (prepared.Findings.HasFlag(TextFindings.UnsupportedScript) || prepared.Text.Length == 0)
        {
            return Result(document.Id, 0, language, notes);
        }

        return Result(document.Id, Compound(prepared.Text), language, notes);
    }

    /// <summary>VADER's compound score of a text, -1 (most negative) .. 1 (most positive).</summary>
    public double Compound(ReadOnlySpan<char> text)
    {
        var matches = t_matches ??= new List<KeywordMatch>(64);
        matches.Clear();
        lexicon.Automaton.FindAll(text, matches);
        if (matches.Count == 0)
        {
            return 0;
        }

        SelectLongest(matches);
        var lastContrast = -1;
        foreach (var match in matches)
        {
            if (lexicon.Modifier(match.Pattern) == ModifierKind.Contrast)
            {
                lastContrast = match.Start;
            }
        }

        var shouting = !IsMostlyUpper(text);
        double sum = 0;
        for (var m = 0; m < matches.Count; m++)
        {
            var match = matches[m];
            double valence = lexicon.Valence(match.Pattern);
            if (valence == 0)
            {
                // A negator that negates no sentiment word still says something is missing ("no dial tone",
                // "没有声音", "never arrived"): in a complaint that is a mild negative.
                if (lexicon.Modifier(match.Pattern) == ModifierKind.Negator && !NegatesNextTerm(text, matches, m))
                {
                    sum += LoneNegatorValence * (lastContrast >= 0 ? match.Start > lastContrast ? 1.5 : 0.5 : 1);
                }

                continue;
            }

            if (BoostsNextTerm(matches, m))
            {
                // 好 in 好慢 is "very", not "good": it is counted as the booster of the term after it.
                continue;
            }

            var sign = Math.Sign(valence);
            var negations = 0;
            var reachStart = match.Start;
            for (var back = m - 1; back >= 0 && back >= m - 3; back--)
            {
                var before = matches[back];
                if (!InScope(text, before.End, reachStart))
                {
                    break;
                }

                switch (lexicon.Modifier(before.Pattern))
                {
                    case ModifierKind.Negator:
                        negations++;
                        break;
                    case ModifierKind.Booster when lexicon.Valence(before.Pattern) == 0 || before.End == match.Start:
                        valence += sign * lexicon.Amount(before.Pattern);
                        break;
                    case ModifierKind.Dampener:
                        valence -= sign * lexicon.Amount(before.Pattern);
                        break;
                    case ModifierKind.Contrast:
                        back = -1;
                        continue;
                    default:
                        break;
                }

                reachStart = before.Start;
            }

            if (shouting && IsShouted(text.Slice(match.Start, match.Length)))
            {
                valence += sign * CapsIncrement;
            }

            if (negations % 2 == 1)
            {
                valence *= NegationScalar;
            }

            if (lastContrast >= 0)
            {
                valence *= match.Start > lastContrast ? 1.5 : 0.5;
            }

            sum += valence;
        }

        if (sum != 0)
        {
            sum += Math.Sign(sum) * PunctuationEmphasis(text);
        }

        return sum / Math.Sqrt((sum * sum) + Alpha);
    }

    /// <summary>A rated booster (好, 勁) right before another rated term intensifies it instead of counting itself.</summary>
    private bool BoostsNextTerm(List<KeywordMatch> matches, int m) =>
        lexicon.Modifier(matches[m].Pattern) == ModifierKind.Booster
        && m + 1 < matches.Count
        && matches[m + 1].Start == matches[m].End
        && lexicon.Valence(matches[m + 1].Pattern) != 0;

    private bool NegatesNextTerm(ReadOnlySpan<char> text, List<KeywordMatch> matches, int negator)
    {
        var reach = matches[negator].End;
        for (var next = negator + 1; next < matches.Count && next <= negator + 3; next++)
        {
            if (!InScope(text, reach, matches[next].Start))
            {
                return false;
            }

            if (lexicon.Valence(matches[next].Pattern) != 0)
            {
                return true;
            }

            reach = matches[next].End;
        }

        return false;
    }

    /// <summary>Keeps the longest of overlapping matches, leftmost first ("不满意" over "满意", "not working" over "not").</summary>
    private static void SelectLongest(List<KeywordMatch> matches)
    {
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var kept = 0;
        var end = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i].Start >= end)
            {
                end = matches[i].End;
                matches[kept++] = matches[i];
            }
        }

        matches.RemoveRange(kept, matches.Count - kept);
    }

    /// <summary>A modifier reaches a term a few words on, never across a clause: about 3 English words or 4 Chinese characters.</summary>
    private static bool InScope(ReadOnlySpan<char> text, int from, int to)
    {
        var gap = text[from..to];
        var limit = 4;
        foreach (var c in gap)
        {
            if (char.IsAsciiLetter(c) || c == ' ')
            {
                limit = 24;
            }

            if (c is '.' or ',' or ';' or '!' or '?' or '\n' or '。' or '，' or '；' or '！' or '？' or '、')
            {
                return false;
            }
        }

        return gap.Length <= limit;
    }

    private static bool IsShouted(ReadOnlySpan<char> term)
    {
        var upper = 0;
        foreach (var c in term)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }

            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
        }

        return upper >= 2;
    }

    /// <summary>VADER only counts capitals as emphasis when the text is not written in capitals throughout.</summary>
    private static bool IsMostlyUpper(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        int exclamations = 0, questions = 0;
        foreach (var c in text)
        {
            if (c is '!' or '！')
            {
                exclamations++;
            }
            else if (c is '?' or '？')
            {
                questions++;
            }
        }

        var emphasis = Math.Min(exclamations, 4) * ExclamationIncrement;
        if (questions > 1)
        {
            emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        }

        return emphasis;
    }

    private SentimentResult Result(string id, double compound, string? language, IReadOnlyList<string> notes)
    {
        var label = LabelOf(compound);
        var strength = Math.Abs(compound);
        return new SentimentResult
        {
            DocumentId = id,
            Label = label,
            Positive = compound > 0 ? strength : 0,
            Neutral = 1 - strength,
            Negative = compound < 0 ? strength : 0,
            Compound = compound,
            Language = language,
            Analyzer = Name,
            Notes = notes,
        };
    }

    /// <summary>The label of a compound score (≥ 0.25 positive, ≤ -0.05 negative, neutral between).</summary>
    public static SentimentLabel LabelOf(double compound) =>
        compound >= PositiveThreshold ? SentimentLabel.Positive
        : compound <= NegativeThreshold ? SentimentLabel.Negative
        : SentimentLabel.Neutral;

    /// <summary>Compound thresholds for the label (VADER uses ±0.05; complaints read negative sooner).</summary>
    public const double PositiveThreshold = 0.25;
    public const double NegativeThreshold = -0.05;
}
