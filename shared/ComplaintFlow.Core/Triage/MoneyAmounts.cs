using System.Globalization;

namespace ComplaintFlow.Core.Triage;

/// <summary>An amount of money written in a complaint: "¥1,280", "2万元", "300块", "$45.99", "£120", "500 dollars".</summary>
public readonly record struct MoneyAmount(decimal Amount, int Start, int Length);

public static class MoneyAmounts
{
    private static readonly string[] Before = ["hk$", "nt$", "us$", "rmb", "cny", "usd", "gbp", "hkd", "¥", "$", "£", "€"];
    private static readonly string[] After = ["元", "块", "圆", "rmb", "yuan", "dollars", "dollar", "pounds", "pound", "usd", "gbp", "eur", "euros", "quid", "bucks"];

    /// <summary>The largest amount with a currency sign or word next to it; bare numbers (dates, phone numbers) are not money.</summary>
    public static MoneyAmount? Largest(ReadOnlySpan<char> text)
    {
        MoneyAmount? largest = null;
        Span<char> digits = stackalloc char[32];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(TextFold.Fold(text[i])) || (i > 0 && char.IsAsciiDigit(TextFold.Fold(text[i - 1]))))
            {
                i++;
                continue;
            }

            var start = i;
            var length = 0;
            while (i < text.Length && length < digits.Length)
            {
                var c = TextFold.Fold(text[i]);
                if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(TextFold.Fold(text[i + 1]))))
                {
                    digits[length++] = c;
                }
                else if (!(c == ',' && i + 3 < text.Length && char.IsAsciiDigit(TextFold.Fold(text[i + 1]))))
                {
                    break;
                }

                i++;
            }

            if (!decimal.TryParse(digits[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                continue;
            }

            var end = i;
            var afterText = SkipSpaces(text, end);
            if (afterText < text.Length)
            {
                var multiplier = TextFold.Fold(text[afterText]) switch
                {
                    '万' => 10_000m,
                    '千' => 1_000m,
                    'k' when afterText + 1 >= text.Length || !char.IsAsciiLetter(TextFold.Fold(text[afterText + 1])) => 1_000m,
                    _ => 1m,
                };
                if (multiplier != 1m)
                {
                    amount *= multiplier;
                    afterText = SkipSpaces(text, afterText + 1);
                    end = afterText;
                }
            }

            var money = false;
            var spanStart = start;
            var spanEnd = end;
            foreach (var word in After)
            {
                if (StartsWithFolded(text, afterText, word))
                {
                    money = true;
                    spanEnd = afterText + word.Length;
                    break;
                }
            }

            {
                var beforeText = start;
                while (beforeText > 0 && text[beforeText - 1] == ' ')
                {
                    beforeText--;
                }

                foreach (var sign in Before)
                {
                    if (beforeText >= sign.Length && StartsWithFolded(text, beforeText - sign.Length, sign))
                    {
                        money = true;
                        spanStart = beforeText - sign.Length;
                        break;
                    }
                }
            }

            if (money && (largest is null || amount > largest.Value.Amount))
            {
                largest = new MoneyAmount(amount, spanStart, Math.Max(spanEnd, end) - spanStart);
            }
        }

        return largest;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }

        return at;
    }

    private static bool StartsWithFolded(ReadOnlySpan<char> text, int at, string word)
    {
        if (at < 0 || at + word.Length > text.Length)
        {
            return false;
        }

        for (var k = 0; k < word.Length; k++)
        {
            if (TextFold.Fold(text[at + k]) != word[k])
            {
                return false;
            }
        }

        // "5 dollarsign" is not money, "5 dollars." is.
        var next = at + word.Length;
        return !char.IsAsciiLetter(word[^1]) || next >= text.Length || !char.IsAsciiLetter(TextFold.Fold(text[next]));
    }
}
