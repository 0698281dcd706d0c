using System.Text;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Intake.Sms;

public enum SmsKeyword
{
    /// <summary>Stop sending this number SMS notices.</summary>
    OptOut,

    /// <summary>Resume SMS notices after an opt-out.</summary>
    OptIn,

    /// <summary>Answer with how to complain.</summary>
    Help,
}

/// <summary>Whose convention a keyword follows, which decides who answers it.</summary>
public enum SmsKeywordOrigin
{
    /// <summary>Twilio's default keywords (the CTIA set): the provider answers them while its opt-out handling is on.</summary>
    Provider,

    /// <summary>Chinese carrier conventions (T, TD, N, 退订, 取消订阅, 帮助...): no provider knows them, so we answer.</summary>
    Carrier,

    /// <summary>A request to stop in plain words ("Stop texting me", "不要再发短信"): we answer, confirming it.</summary>
    PlainLanguage,
}

public sealed record SmsKeywordReading(SmsKeyword Keyword, SmsKeywordOrigin Origin);

/// <summary>
/// Recognises what providers and regulators count as opt-out, opt-in and help: Twilio's default keyword lists (STOP,
/// STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT; START, YES, UNSTOP; HELP, INFO), the Chinese carriers'
/// conventions (T, TD, N, 取消, 取消订阅, 退订, "回复TD退订"; 帮助) and a short list of plain requests to stop. A keyword
/// counts only as the whole text (after NFKC folding, so full-width ＳＴＯＰ is STOP, and without surrounding
/// punctuation), so "please stop charging me" stays a complaint.
/// </summary>
public sealed class SmsKeywordPolicy(SmsOptions options)
{
    private static readonly Dictionary<string, SmsKeywordReading> Words = new(StringComparer.OrdinalIgnoreCase);

    // Compared after politeness is taken off both ends ("STOP please", "请不要再发短信了").
    private static readonly HashSet<string> RequestsToStop = new(StringComparer.OrdinalIgnoreCase)
    {
        "stop", "unsubscribe", "stop texting", "stop texting me", "stop messaging", "stop messaging me",
        "stop sending me texts", "stop sending me messages", "stop sending texts", "stop sending messages",
        "stop the texts", "stop the messages", "no more texts", "no more messages", "dont text me", "don't text me",
        "do not text me", "dont message me", "don't message me", "do not message me", "unsubscribe me", "opt me out",
        "opt out", "remove me from your list", "take me off your list",
        "不要再发短信", "不要发短信", "别再发短信", "别发短信", "不要再发了", "别再发了", "不要再给我发短信", "别再给我发短信",
        "停止发送", "停止发短信", "停止发送短信", "我要退订", "退订短信",
        "不要再發短訊", "不要再傳短訊", "別再發短訊", "別再傳短訊", "不要再發簡訊", "不要再傳簡訊", "別再發簡訊", "別再傳簡訊",
        "不要再發了", "別再發了", "不要再給我發短訊", "別再給我傳短訊", "停止發送", "停止發送短訊", "我要退訂", "退訂短訊",
    };

    private static readonly string[] LeadingPoliteness = ["please ", "pls ", "请", "請", "麻烦", "麻煩"];
    private static readonly string[] TrailingPoliteness = [" please", " pls", " thanks", " thank you", "谢谢", "謝謝", "了", "啦", "吧"];

    static SmsKeywordPolicy()
    {
        void Add(SmsKeyword keyword, SmsKeywordOrigin origin, params string[] words)
        {
            foreach (var word in words)
            {
                Words.Add(word, new SmsKeywordReading(keyword, origin));
            }
        }

        Add(SmsKeyword.OptOut, SmsKeywordOrigin.Provider, "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
        Add(SmsKeyword.OptIn, SmsKeywordOrigin.Provider, "START", "YES", "UNSTOP");
        Add(SmsKeyword.Help, SmsKeywordOrigin.Provider, "HELP", "INFO");
        // "回复TD退订" is the footer of Chinese marketing texts; customers send it back as it is.
        Add(SmsKeyword.OptOut, SmsKeywordOrigin.Carrier, "T", "TD", "N", "取消", "取消订阅", "取消訂閱", "退订", "退訂",
            "回复TD退订", "回復TD退訂", "回覆TD退訂");
        Add(SmsKeyword.Help, SmsKeywordOrigin.Carrier, "帮助", "幫助");
    }

    /// <returns>The keyword the whole text is, or null for an ordinary text.</returns>
    public SmsKeywordReading? Read(string? body)
    {
        var text = Fold(body);
        if (text.Length == 0)
        {
            return null;
        }

        if (Words.TryGetValue(text, out var reading))
        {
            return reading;
        }

        return RequestsToStop.Contains(WithoutPoliteness(text)) ? new SmsKeywordReading(SmsKeyword.OptOut, SmsKeywordOrigin.PlainLanguage) : null;
    }

    /// <summary>
    /// Whether we answer the keyword ourselves. The customer gets exactly one answer: while the provider's own handling
    /// is on (<see cref="SmsOptions.ProviderAnswersKeywords"/>) it answers its standard words and we answer only the
    /// words it does not know; with it off, we answer every keyword.
    /// </summary>
    public bool WeAnswer(SmsKeywordReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return !options.ProviderAnswersKeywords || reading.Origin != SmsKeywordOrigin.Provider;
    }

    /// <summary>NFKC (full-width letters and punctuation become ASCII), lower case, punctuation and emoji off both ends,
    /// punctuation inside replaced by single spaces: "Stop, please!!" reads "stop please".</summary>
    private static string Fold(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var folded = new StringBuilder();
        // The typographic apostrophe phones put in "don’t" reads as the ASCII one.
        foreach (var c in body.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('\u2019', '\''))
        {
            var separator = char.IsWhiteSpace(c) || char.IsSurrogate(c) || (c != '\'' && (char.IsPunctuation(c) || char.IsSymbol(c)));
            if (!separator)
            {
                folded.Append(c);
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        return folded.ToString().Trim();
    }

    private static string WithoutPoliteness(string text)
    {
        string before;
        do
        {
            before = text;
            foreach (var lead in LeadingPoliteness)
            {
                text = text.StartsWith(lead, StringComparison.Ordinal) ? text[lead.Length..] : text;
            }

            foreach (var tail in TrailingPoliteness)
            {
                text = text.EndsWith(tail, StringComparison.Ordinal) ? text[..^tail.Length] : text;
            }

            text = text.Trim();
        }
        while (text != before);

        return text;
    }
}
