using System.Text;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>Maps the charset names mail clients write to encodings .NET can decode, Chinese code pages included.</summary>
public static class TextEncodings
{
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
        name = name switch
        {
            "gb2312" or "gbk" or "x-gbk" or "cp936" or "ms936" or "windows-936" or "euc-cn" or "gb_2312-80" => "gb18030",
            "big5-hkscs" or "x-x-big5" or "cp950" => "big5",
            "utf8" => "utf-8",
            _ => name,
        };

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
