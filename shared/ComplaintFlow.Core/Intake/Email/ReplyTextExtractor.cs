using System.Text.RegularExpressions;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// Keeps what the customer wrote this time: drops the quoted earlier mail (the "On ... wrote:" / "在 ... 写道："
/// line and all below it, Outlook and Foxmail header blocks, '&gt;' lines) and the signature ("-- ", "Sent from my
/// iPhone", "发自我的iPhone"). The full body is kept elsewhere; this is the text recorded on the complaint.
/// </summary>
public static partial class ReplyTextExtractor
{
    /// <summary>How many lines below a "From:" line the rest of a quoted header block may start.</summary>
    private const int HeaderBlockReach = 4;

    /// <summary>Lines longer than this are prose, not a mobile client's one-line signature.</summary>
    private const int SignatureLineMax = 60;

    public static string Extract(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsQuoteOrSignature(lines, i))
            {
                end = i;
                break;
            }
        }

        var kept = lines.Take(end)
            .Where(line => !line.TrimStart().StartsWith('>'))
            .Select(line => line.TrimEnd())
            .ToList();
        var text = string.Join('\n', kept).Trim('\n', ' ', '\t');

        // A reply can be nothing but a quote (a forwarded complaint, a client that top-posts nothing); the quote is
        // then the complaint text, rather than recording an empty one.
        return text.Length > 0 ? text : body.Trim();
    }

    private static bool StartsQuoteOrSignature(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0)
        {
            return false;
        }

        if (line == "--" || lines[i] == "-- " || OriginalMessageSeparator().IsMatch(line) || ChineseWroteLine().IsMatch(line))
        {
            return true;
        }

        if (line.StartsWith("On ", StringComparison.Ordinal)
            && (line.EndsWith("wrote:", StringComparison.Ordinal) || (i + 1 < lines.Length && lines[i + 1].TrimEnd().EndsWith("wrote:", StringComparison.Ordinal))))
        {
            return true;
        }

        if (line.Length <= SignatureLineMax && MobileSignature().IsMatch(line))
        {
            return true;
        }

        if (Underline().IsMatch(line) && i + 1 < lines.Length && FromHeader().IsMatch(lines[i + 1].Trim()))
        {
            return true;
        }

        return FromHeader().IsMatch(line)
            && lines.Skip(i + 1).Take(HeaderBlockReach).Any(next => OtherHeader().IsMatch(next.Trim()));
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|原始邮件|原始郵件|转发邮件|轉寄郵件)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessageSeparator();

    // Apple Mail, Foxmail, QQ and NetEase write "在 2026年3月2日 10:00，张三 <x> 写道：" or "2026年3月2日 张三 写道:".
    [GeneratedRegex(@"(写道|寫道)\s*[:：]\s*$")]
    private static partial Regex ChineseWroteLine();

    [GeneratedRegex(@"^(Sent from my \S.*|Sent from (Mail|Outlook|Yahoo Mail).*|Get Outlook for \S+|Sent with \S.*|(发自|發自)(我的)?\S.*|从我的\S+发送|從我的\S+傳送)$", RegexOptions.IgnoreCase)]
    private static partial Regex MobileSignature();

    [GeneratedRegex(@"^_{5,}$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"^\*?(From|发件人|發件人|寄件者|寄件人)\*?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex FromHeader();

    [GeneratedRegex(@"^\*?(Sent|Date|To|Subject|Cc|发送时间|發送時間|时间|日期|收件人|收件者|主题|主題|主旨|傳送時間|寄件日期|抄送)\*?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex OtherHeader();
}
