namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Tokens that hold words without saying them: web addresses (every one holds VADER's <c>:/</c> emoticon, and
/// "www.goodenergy.com" holds "good"), @handles and #hashtags ("@best_fibre", "#firesale"). Keyword matching
/// steps over them. A Chinese topic tag (<c>#停电#</c>) is prose and is read.
/// </summary>
public static class LinkTokens
{
    /// <summary>The end of the link token starting at <paramref name="at"/>, or -1 when none starts there.</summary>
    public static int EndOf(ReadOnlySpan<char> text, int at)
    {
        if (at > 0 && IsTokenCharacter(TextFold.Fold(text[at - 1])))
        {
            return -1;
        }

        var c = TextFold.Fold(text[at]);
        if (c is '@' or '#')
        {
            var end = at + 1;
            while (end < text.Length && IsTokenCharacter(TextFold.Fold(text[end])))
            {
                end++;
            }

            return end > at + 1 ? end : -1;
        }

        if (TextFold.IsAt(text, at, "http://") || TextFold.IsAt(text, at, "https://") || TextFold.IsAt(text, at, "www."))
        {
            var end = at;
            while (end < text.Length && text[end] is > ' ' and < '\u0080')
            {
                end++;
            }

            return end;
        }

        return -1;
    }

    private static bool IsTokenCharacter(char folded) => char.IsAsciiLetterOrDigit(folded) || folded == '_';
}
