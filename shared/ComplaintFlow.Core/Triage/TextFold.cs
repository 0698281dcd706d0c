namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Folds one character to the form keywords are written in: lower case, half-width, simplified Chinese. A fold is
/// one character to one character, so a match in folded text has the same offsets in the original.
/// </summary>
public static class TextFold
{
    private static readonly char[] Table = Build();

    public static char Fold(char c) => Table[c];

    /// <summary>The whole table, for loops that fold every character of a text.</summary>
    internal static char[] FoldTable => Table;

    /// <summary>True for a character written differently in simplified Chinese (a sign of traditional text).</summary>
    public static bool IsTraditional(char c) => c >= 0x3400 && Table[c] != c;

    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Table[source[i]];
        }
    });

    /// <summary>True when <paramref name="text"/>, folded, holds <paramref name="folded"/> at <paramref name="at"/>.</summary>
    public static bool IsAt(ReadOnlySpan<char> text, int at, string folded)
    {
        if (at < 0 || at + folded.Length > text.Length)
        {
            return false;
        }

        for (var k = 0; k < folded.Length; k++)
        {
            if (Table[text[at + k]] != folded[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ASCII letters and digits: the characters an English keyword must not be glued to.</summary>
    public static bool IsWordCharacter(char folded) => char.IsAsciiLetterOrDigit(folded);

    private static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = c < 0x3000 ? char.ToLowerInvariant(c) : c;
        }

        // Full-width ASCII (Chinese input methods type ！？，and full-width digits).
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            table[c] = char.ToLowerInvariant((char)(c - 0xFEE0));
        }

        table['\u3000'] = ' ';
        table['\u2018'] = '\'';
        table['\u2019'] = '\'';
        table['\u201C'] = '"';
        table['\u201D'] = '"';
        table['\uFFE5'] = '¥';

        foreach (var line in TriageData.Lines("t2s-characters.txt"))
        {
            if (line.Length == 3 && line[1] == ' ')
            {
                table[line[0]] = line[2];
            }
        }

        return table;
    }
}
