using System.Text;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// Maps the charset names mail clients write to encodings .NET can decode, Chinese code pages included, and reads
/// text that declares no charset at all (8-bit headers, bodies without a charset parameter).
/// </summary>
public static class TextEncodings
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoding for a charset name, or null when the name is unknown (code pages: see CodePages).</summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        var name = charset.Trim().Trim('"').ToLowerInvariant();

        // Clients label GBK (and even GB18030) text as GB2312; GB18030 decodes all three, so nothing turns into '?'.
        // Big5-HKSCS has no .NET code page; plain Big5 reads all but the Hong Kong supplement.
        // Latin-1 and ASCII labels are read as Windows-1252, as browsers do (WHATWG Encoding): Outlook and Word
        // write 0x92 curly apostrophes and 0x80 euro signs under an iso-8859-1 label.
        name = name switch
        {
            "gb2312" or "gbk" or "x-gbk" or "cp936" or "ms936" or "windows-936" or "euc-cn" or "gb_2312-80" => "gb18030",
            "big5-hkscs" or "x-x-big5" or "cp950" => "big5",
            "utf8" => "utf-8",
            "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "l1" or "cp819" or "ibm819" or "us-ascii" or "ascii"
                or "ansi_x3.4-1968" or "us" or "iso-ir-100" or "cp1252" or "x-cp1252" => "windows-1252",
            _ => name,
        };

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // Unknown, or known but refused by .NET (UTF-7 is disabled for safety): decoded as unlabelled text.
            return null;
        }
    }

    /// <summary>
    /// The encoding of 8-bit text that names none: UTF-8 when the bytes are valid UTF-8, then GB18030 when they read
    /// as Chinese, then Windows-1252 (which decodes anything). Order matters: valid UTF-8 is almost never an
    /// accident, and GB18030 would read almost any byte string, so it must look like Chinese to be chosen.
    /// </summary>
    public static Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            return Encoding.UTF8;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
        }

        return LooksLikeGb(bytes) ? Find("gb18030")! : Find("windows-1252")!;
    }

    /// <summary>Decodes text in its declared charset, or by <see cref="Guess"/> when it declares none or an unknown one.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        var encoding = Find(charset);
        if (encoding is null || (encoding.CodePage == 1252 && IsAsciiLabel(charset)))
        {
            // Text labelled us-ascii that carries 8-bit bytes is mislabelled: guessed like unlabelled text.
            encoding = Guess(bytes);
        }

        return ReplaceC1Controls(encoding.GetString(bytes));
    }

    /// <summary>
    /// C1 control characters (U+0080–U+009F) are never written on purpose in mail: they are Windows-1252 bytes read
    /// as Latin-1 somewhere upstream. They become the character Windows-1252 has at that byte (0x92 → ’), or U+FFFD
    /// for its five unassigned bytes, so the customer's text is kept rather than refused as control characters.
    /// </summary>
    public static string ReplaceC1Controls(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009F'))
        {
            return text;
        }

        var windows1252 = Find("windows-1252")!;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0080' and <= '\u009F')
            {
                var mapped = windows1252.GetString([(byte)chars[i]]);
                chars[i] = mapped.Length == 1 && mapped[0] is < '\u0080' or > '\u009F' ? mapped[0] : '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static bool IsAsciiLabel(string? charset) =>
        charset?.Trim().Trim('"').ToLowerInvariant() is "us-ascii" or "ascii" or "ansi_x3.4-1968" or "us";

    /// <summary>
    /// GB18030 decodes nearly any byte string, so Latin text ("décor": 0xE9 then 'c') reads as ideographs too. Chinese
    /// text is made of double-byte characters whose second byte is itself 8-bit in all of GB2312 and most of GBK;
    /// Latin text has lone 8-bit bytes between ASCII letters. At least three in four pairs must be 8-bit both.
    /// </summary>
    private static bool LooksLikeGb(ReadOnlySpan<byte> bytes)
    {
        int pairs = 0, highPairs = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var lead = bytes[i];
            if (lead < 0x80)
            {
                continue;
            }

            if (lead is 0x80 or 0xFF || i + 1 >= bytes.Length)
            {
                return false;
            }

            var trail = bytes[i + 1];
            if (trail is >= 0x30 and <= 0x39)
            {
                // A four-byte GB18030 sequence: rare characters, but valid.
                if (i + 3 >= bytes.Length || bytes[i + 2] < 0x81 || bytes[i + 3] is < 0x30 or > 0x39)
                {
                    return false;
                }

                pairs++;
                highPairs++;
                i += 3;
                continue;
            }

            if (trail is < 0x40 or 0x7F or 0xFF)
            {
                return false;
            }

            pairs++;
            if (trail >= 0x80)
            {
                highPairs++;
            }

            i++;
        }

        return pairs > 0 && highPairs * 4 >= pairs * 3;
    }
}
