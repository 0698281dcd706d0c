using System.Text.RegularExpressions;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// Keeps what the customer wrote this time, wherever it stands: above the quote (top-posting), below it
/// (bottom-posting) and between quoted lines (inline answers). Dropped: '&gt;' lines and the attribution that
/// introduces them ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", "在 … 写道："), an earlier mail quoted without
/// '&gt;' below an attribution, separator or header block (Outlook, Foxmail, QQ: <c>-----Original Message-----</c>,
/// <c>From:/Sent:</c>, <c>Von:/Gesendet:</c>, <c>发件人:/发送时间:</c>) and the signature ("-- ", and a phone's
/// "Sent from my iPhone" when it ends the text). A forwarded mail is the customer's content: it is kept below the
/// note. The full body is kept elsewhere; this is the text recorded on the complaint.
/// </summary>
public static partial class ReplyTextExtractor
{
    /// <summary>How many lines below a "From:" line the rest of a quoted header block may start.</summary>
    private const int HeaderBlockReach = 4;

    /// <summary>How many lines a wrapped attribution may take ("On …, Name" / "&lt;address&gt;" / "wrote:").</summary>
    private const int AttributionReach = 3;

    /// <summary>Lines longer than this are prose, not a mobile client's one-line signature.</summary>
    private const int SignatureLineMax = 60;

    public static string Extract(string body, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var forward = subject is not null && ForwardSubject().IsMatch(subject.Trim());
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (IsQuoted(lines[i]))
            {
                continue;
            }

            if (ForwardSeparator().IsMatch(line) || (forward && StartsHeaderBlock(lines, i)))
            {
                // "FYI, see below": the forwarded mail is what the complaint is about.
                kept.AddRange(lines[i..].Select(l => l.TrimEnd()));
                break;
            }

            if (line == "--" || lines[i] == "-- " || StartsHeaderBlock(lines, i))
            {
                break;
            }

            if (AttributionLength(lines, i) is > 0 and var length)
            {
                // A '>' quote follows: it is dropped line by line and any answers between or below it are kept.
                // Otherwise the client quoted the earlier mail without markers and all below the line is that mail.
                if (NextNonBlank(lines, i + length) is { } next && IsQuoted(lines[next]))
                {
                    i += length - 1;
                    continue;
                }

                break;
            }

            kept.Add(lines[i].TrimEnd());
        }

        DropTrailingSignature(kept);
        var text = Tidy(kept);

        // A reply that is nothing but a quote (a client that top-posts nothing, a complaint forwarded as a quote):
        // the lines outside any quote, and when there are none the quoted text without its markers, never the
        // whole body with its attribution and header lines.
        return text.Length > 0 ? text : Fallback(lines);
    }

    private static string Fallback(string[] lines)
    {
        var unquoted = new List<string>();
        var quoted = new List<string>();
        var structure = new HashSet<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsHeaderBlock(lines, i))
            {
                // The header block's own lines: the first, and the header fields right below it.
                structure.Add(i);
                for (var j = i + 1; j < lines.Length && j <= i + HeaderBlockReach && (lines[j].Trim().Length == 0 || OtherHeader().IsMatch(lines[j].Trim())); j++)
                {
                    structure.Add(j);
                }
            }

            if (AttributionLength(lines, i) is > 0 and var length)
            {
                structure.UnionWith(Enumerable.Range(i, length));
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (IsQuoted(lines[i]))
            {
                quoted.Add(QuoteMarkers().Replace(lines[i], string.Empty).TrimEnd());
            }
            else if (!structure.Contains(i) && !ForwardSeparator().IsMatch(line) && !OriginalMessageSeparator().IsMatch(line) && !Underline().IsMatch(line))
            {
                unquoted.Add(lines[i].TrimEnd());
            }
        }

        var text = Tidy(unquoted);
        return text.Length > 0 ? text : Tidy(quoted);
    }

    private static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    private static int? NextNonBlank(string[] lines, int from)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// How many lines the attribution starting at line <paramref name="i"/> takes (0: none). An attribution names
    /// a date, so it holds a digit: "On Monday the engineer wrote:" is the customer's sentence.
    /// </summary>
    private static int AttributionLength(string[] lines, int i)
    {
        var first = lines[i].Trim();
        if (first.Length == 0)
        {
            return 0;
        }

        if (ChineseWroteLine().IsMatch(first))
        {
            return first.Any(char.IsDigit) ? 1 : 0;
        }

        if (!AttributionStart().IsMatch(first))
        {
            return 0;
        }

        var joined = first;
        for (var length = 1; length <= AttributionReach && i + length <= lines.Length; length++)
        {
            if (length > 1)
            {
                var next = lines[i + length - 1].Trim();
                if (next.Length == 0 || IsQuoted(next))
                {
                    return 0;
                }

                joined += " " + next;
            }

            if (joined.Any(char.IsDigit) && (AttributionEnd().IsMatch(joined) || GermanAttribution().IsMatch(joined)))
            {
                return length;
            }
        }

        return 0;
    }

    private static bool StartsHeaderBlock(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (OriginalMessageSeparator().IsMatch(line))
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

    /// <summary>"Sent from my iPhone" is a signature only where a signature stands: at the end of what was written.</summary>
    private static void DropTrailingSignature(List<string> kept)
    {
        while (kept.Count > 0 && kept[^1].Trim().Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        if (kept.Count > 0 && kept[^1].Trim() is { Length: <= SignatureLineMax } last && MobileSignature().IsMatch(last))
        {
            kept.RemoveAt(kept.Count - 1);
        }
    }

    /// <summary>Lines joined, runs of blank lines made one, leading and trailing blank space removed.</summary>
    private static string Tidy(List<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line.Trim().Length == 0 ? string.Empty : line);
        }

        return string.Join('\n', result).Trim('\n', ' ', '\t');
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|原始邮件|原始郵件)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessageSeparator();

    // Gmail, Thunderbird, Apple Mail, Outlook on the web, Foxmail/QQ/NetEase, in their languages.
    [GeneratedRegex(@"^(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|转发邮件信息|转发邮件|转发的邮件|轉寄郵件|轉寄的郵件)\s*-{2,}|Begin forwarded message\s*:|Anfang der weitergeleiteten Nachricht\s*:|Début du message réexpédié\s*:|Inicio del mensaje reenviado\s*:|Inizio messaggio inoltrato\s*:|下面是被转发的邮件\s*[:：])$", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardSeparator();

    // Fwd: (Gmail), FW: (Outlook), WG: (German Outlook), TR: (French), RV: (Spanish), I: (Italian), 转发/轉寄 (Chinese).
    [GeneratedRegex(@"^(Fwd?|FW|WG|TR|RV|I|Doorst|转发|轉寄|轉發)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardSubject();

    [GeneratedRegex(@"^((On|Am|Le|El|Il|Op|Em|Den)\s|在|於|于)", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"(wrote|a écrit|a ecrit|escribió|escribio|ha scritto|schreef|escreveu|skrev|写道|寫道)\s*[:：]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionEnd();

    // Thunderbird and Apple Mail in German: "Am 02.03.2026 um 10:00 schrieb ComplaintFlow <complaints@...>:".
    [GeneratedRegex(@"^Am\s.*\sschrieb\s.*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GermanAttribution();

    // Apple Mail, Foxmail, QQ and NetEase write "在 2026年3月2日 10:00，张三 <x> 写道：" or "2026年3月2日 张三 写道:";
    // Gmail in Chinese "张三 <x> 于2026年3月2日周一 10:00写道：".
    [GeneratedRegex(@"(写道|寫道)\s*[:：]\s*$")]
    private static partial Regex ChineseWroteLine();

    [GeneratedRegex(@"^(Sent from my [\w\- ]+|Sent from (Mail|Outlook|Yahoo Mail)( for \w+)?|Get Outlook for \w+|Sent with [\w\- ]+|Von meinem [\w\- ]+ gesendet|Envoyé de mon [\w\- ]+|Enviado desde mi [\w\- ]+|Inviato da [\w\- ]+|(发自|發自)(我的)?\s*[\w\- ]+|从我的\s*[\w\- ]+发送|從我的\s*[\w\- ]+傳送)$", RegexOptions.IgnoreCase)]
    private static partial Regex MobileSignature();

    [GeneratedRegex(@"^_{5,}$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"^\*?(From|Von|De|Da|Van|Från|Fra|发件人|發件人|寄件者|寄件人)\*?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex FromHeader();

    [GeneratedRegex(@"^\*?(Sent|Date|To|Subject|Cc|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Fecha|Para|Asunto|Inviato|Data|A|Oggetto|Verzonden|Aan|Onderwerp|发送时间|發送時間|时间|日期|收件人|收件者|主题|主題|主旨|傳送時間|寄件日期|抄送)\*?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex OtherHeader();

    [GeneratedRegex(@"^\s*(>\s?)+")]
    private static partial Regex QuoteMarkers();
}
