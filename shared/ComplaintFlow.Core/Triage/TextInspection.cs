using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary>What a scorer found out about its input before scoring it.</summary>
[Flags]
public enum TextFindings
{
    None = 0,
    Empty = 1,
    Html = 2,
    Truncated = 4,
    EmojiOnly = 8,
    UnsupportedScript = 16,
    MixedScripts = 32,
    Traditional = 64,
    NoWords = 128,
}

/// <summary>The text a scorer reads: HTML turned to text, cut to a length, with what was found on the way.</summary>
public readonly record struct PreparedText(string Text, TextFindings Findings, int OriginalLength, string? Script)
{
    /// <summary>The language the text looks like: <c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>, <c>yue</c> (Cantonese), or null.</summary>
    public string? DetectedLanguage { get; init; }

    /// <summary>Sentences for a reader, one per finding ("HTML tags removed before scoring").</summary>
    public IEnumerable<string> Notes()
    {
        if (Findings.HasFlag(TextFindings.Empty))
        {
            yield return "empty text: nothing to score";
        }

        if (Findings.HasFlag(TextFindings.Html))
        {
            yield return "HTML markup removed before scoring";
        }

        if (Findings.HasFlag(TextFindings.Truncated))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"long text: scored the first {Text.Length:N0} of {OriginalLength:N0} characters");
        }

        if (Findings.HasFlag(TextFindings.EmojiOnly))
        {
            yield return "emoji only: scored from the emoji";
        }
        else if (Findings.HasFlag(TextFindings.NoWords) && !Findings.HasFlag(TextFindings.Empty))
        {
            yield return "no words found: scored as neutral";
        }

        if (Findings.HasFlag(TextFindings.UnsupportedScript))
        {
            yield return $"unsupported language ({Script} script): sentiment neutral, rules applied to any English or Chinese keywords";
        }

        if (Findings.HasFlag(TextFindings.MixedScripts))
        {
            yield return "mixed Chinese and English: both lexicons applied";
        }
    }
}

public static class TextInspection
{
    /// <summary>Longest text the embedded scorers read (far beyond any real complaint; keeps a 100 KB paste cheap).</summary>
    public const int MaxScoredCharacters = 32_768;

    public static PreparedText Prepare(string? text, int maxCharacters = MaxScoredCharacters)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new PreparedText(string.Empty, TextFindings.Empty | TextFindings.NoWords, text?.Length ?? 0, null);
        }

        var findings = TextFindings.None;
        var originalLength = text.Length;
        if (LooksLikeHtml(text))
        {
            text = HtmlToPlainText.Convert(text);
            findings |= TextFindings.Html;
        }

        if (text.Length > maxCharacters)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(text[maxCharacters - 1]) ? maxCharacters - 1 : maxCharacters;
            text = text[..cut];
            findings |= TextFindings.Truncated;
        }

        int latin = 0, han = 0, traditional = 0, cantonese = 0, kana = 0, hangul = 0, otherLetters = 0, emoji = 0;
        string? other = null;
        foreach (var c in text)
        {
            if (c < '\u0080')
            {
                if (char.IsAsciiLetter(c))
                {
                    latin++;
                }
            }
            else if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF')
            {
                han++;
                if (TextFold.IsTraditional(c))
                {
                    traditional++;
                }

                if (CantoneseParticles.Contains(c, StringComparison.Ordinal))
                {
                    cantonese++;
                }
            }
            else if (c is >= '\u3040' and <= '\u30FF')
            {
                kana++;
            }
            else if (c is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF')
            {
                hangul++;
            }
            else if (char.IsHighSurrogate(c) || c is >= '\u2600' and <= '\u27BF')
            {
                emoji++;
            }
            else if (char.IsLetter(c))
            {
                if (c < '\u0250')
                {
                    latin++;
                }
                else
                {
                    otherLetters++;
                    other ??= ScriptOf(c);
                }
            }
        }

        var letters = latin + han + kana + hangul + otherLetters;
        string? script = null;
        string? language = null;
        if (letters == 0)
        {
            findings |= emoji > 0 ? TextFindings.EmojiOnly | TextFindings.NoWords : TextFindings.NoWords;
        }
        else if (kana > 0 && kana * 10 >= han)
        {
            findings |= TextFindings.UnsupportedScript;
            script = "Japanese";
        }
        else if (hangul + otherLetters > latin + han)
        {
            findings |= TextFindings.UnsupportedScript;
            script = hangul > otherLetters ? "Korean" : other;
        }
        else
        {
            // A Chinese character carries about as much as an English word: compare han with latin/5.
            var englishWords = latin / 5;
            if (han >= 3 && englishWords >= 3 && han * 10 >= englishWords && englishWords * 10 >= han)
            {
                findings |= TextFindings.MixedScripts;
            }

            var isTraditional = traditional > 0 && traditional * 20 >= han;
            language = han * 5 < latin ? "en"
                : IsCantonese(cantonese, han) ? Cantonese
                : isTraditional ? "zh-Hant" : "zh-Hans";
            if (isTraditional && language != "en")
            {
                findings |= TextFindings.Traditional;
            }
        }

        return new PreparedText(text, findings, originalLength, script) { DetectedLanguage = language };
    }

    /// <summary>Written Cantonese: its own particles and words, never in written Mandarin.</summary>
    public const string Cantonese = "yue";

    // 嘅 (的), 咗 (了), 唔 (不), 冇 (没有), 喺 (在), 佢 (他), 啲 (些), 嘢 (东西), 咁 (这么), 㗎 囉 (sentence particles), 嗰 (那).
    private const string CantoneseParticles = "嘅咗唔冇喺佢啲嘢咁㗎囉嗰";

    /// <summary>Two particles make a text Cantonese; one is enough in a short one ("部機壞咗").</summary>
    private static bool IsCantonese(int particles, int han) => particles >= 2 || (particles == 1 && han <= 15);

    /// <summary>
    /// The language to report for a text the caller labelled <paramref name="given"/>: a Chinese label is refined to
    /// Cantonese when the text is written in it (intake knows only zh-Hans and zh-Hant, and answers Cantonese
    /// writers in zh-Hant); any other label is kept.
    /// </summary>
    public static string? Refine(string? given, string? detected) =>
        given is null ? detected
        : detected == Cantonese && given.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Cantonese
        : given;

    private static string ScriptOf(char c) => c switch
    {
        >= '\u0370' and <= '\u03FF' => "Greek",
        >= '\u0400' and <= '\u04FF' => "Cyrillic",
        >= '\u0590' and <= '\u05FF' => "Hebrew",
        >= '\u0600' and <= '\u06FF' => "Arabic",
        >= '\u0900' and <= '\u097F' => "Devanagari",
        >= '\u0E00' and <= '\u0E7F' => "Thai",
        _ => "non-Latin",
    };

    private static bool LooksLikeHtml(string text)
    {
        var open = text.IndexOf('<', StringComparison.Ordinal);
        while (open >= 0 && open + 1 < text.Length)
        {
            var next = text[open + 1];
            if ((char.IsAsciiLetter(next) || next is '/' or '!') && text.IndexOf('>', open) > open)
            {
                return true;
            }

            open = text.IndexOf('<', open + 1);
        }

        return false;
    }
}
