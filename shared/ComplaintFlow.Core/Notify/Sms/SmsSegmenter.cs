namespace ComplaintFlow.Core.Notify.Sms;

public enum SmsEncoding
{
    /// <summary>GSM 03.38 default alphabet, 7 bits a character: 160 in one SMS, 153 per part when concatenated.</summary>
    Gsm7,

    /// <summary>UTF-16 code units: 70 in one SMS, 67 per part. Any character outside GSM-7 (Chinese) forces it.</summary>
    Ucs2,
}

/// <summary>How a text is carried: its encoding, its length in that encoding's units, and the SMS segments it takes.</summary>
public sealed record SmsSegmentation(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Counts SMS segments as the network bills them (3GPP TS 23.038 / 23.040). A concatenated message loses room to
/// its user data header, so parts hold 153 septets or 67 UCS-2 units; a character is never split between parts, so
/// a GSM extension character (two septets) or a surrogate pair (two units) that does not fit starts the next part.
/// </summary>
public static class SmsSegmenter
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static SmsEncoding EncodingOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal))
            ? SmsEncoding.Gsm7
            : SmsEncoding.Ucs2;
    }

    public static SmsSegmentation Measure(string text)
    {
        var encoding = EncodingOf(text);
        var widths = encoding == SmsEncoding.Gsm7 ? Gsm7Widths(text) : Ucs2Widths(text);
        var units = widths.Sum();
        var (single, part) = encoding == SmsEncoding.Gsm7 ? (Gsm7Single, Gsm7Part) : (Ucs2Single, Ucs2Part);
        if (units == 0)
        {
            return new SmsSegmentation(encoding, 0, 0);
        }

        if (units <= single)
        {
            return new SmsSegmentation(encoding, units, 1);
        }

        int segments = 1, used = 0;
        foreach (var width in widths)
        {
            if (used + width > part)
            {
                segments++;
                used = 0;
            }

            used += width;
        }

        return new SmsSegmentation(encoding, units, segments);
    }

    private static List<int> Gsm7Widths(string text) =>
        [.. text.Select(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1)];

    private static List<int> Ucs2Widths(string text)
    {
        var widths = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                widths.Add(2);
                i++;
            }
            else
            {
                widths.Add(1);
            }
        }

        return widths;
    }
}
