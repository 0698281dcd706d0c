namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Whether digits in a text are a quantity: next to a currency sign ("$110", "¥86"), a unit or a measure word
/// ("110分钟", "110 minutes", "86块"), or part of a longer number ("1,110", "+86 138..."). A keyword written in digits
/// (the police number 110, the consumer line 12315) means itself only when it is not one.
/// </summary>
public static class NumberContext
{
    // Measure words and units after a number; 多 and 余 as in "110多块" (110-odd yuan).
    private const string HanUnits = "分秒元块圆毛角个次天日月年号岁时度米里斤克台部件条张家位人名万千百亿层楼路趟遍周页封份笔户间多余倍";

    private static readonly string[] EnglishUnits =
    [
        "seconds", "secs", "minutes", "mins", "min", "hours", "hrs", "hour", "days", "weeks", "months", "years", "times",
        "calls", "texts", "pounds", "dollars", "euros", "quid", "bucks", "pence", "yuan", "rmb", "percent", "gb", "mb",
        "mbps", "kwh", "km", "miles", "people", "items",
    ];

    public static bool IsQuantity(ReadOnlySpan<char> text, int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && text[before] == ' ')
        {
            before--;
        }

        if (before >= 0 && TextFold.Fold(text[before]) is '$' or '¥' or '£' or '€' or '+')
        {
            return true;
        }

        if (start > 1 && TextFold.Fold(text[start - 1]) is '.' or ',' && char.IsAsciiDigit(TextFold.Fold(text[start - 2])))
        {
            return true;
        }

        if (end >= text.Length)
        {
            return false;
        }

        var next = TextFold.Fold(text[end]);
        if (next is '%' || HanUnits.Contains(next, StringComparison.Ordinal))
        {
            return true;
        }

        if (next is '.' or ',' && end + 1 < text.Length && char.IsAsciiDigit(TextFold.Fold(text[end + 1])))
        {
            return true;
        }

        var word = end;
        while (word < text.Length && text[word] == ' ')
        {
            word++;
        }

        foreach (var unit in EnglishUnits)
        {
            if (IsWordAt(text, word, unit))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordAt(ReadOnlySpan<char> text, int at, string word) =>
        TextFold.IsAt(text, at, word)
        && (at + word.Length == text.Length || !char.IsAsciiLetter(TextFold.Fold(text[at + word.Length])));
}
