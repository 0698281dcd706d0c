namespace ComplaintFlow.Core.Intake.Sms;

public enum SmsKeyword
{
    /// <summary>An ordinary text: part of a complaint.</summary>
    None,

    /// <summary>Stop sending this number SMS notices.</summary>
    OptOut,

    /// <summary>Resume SMS notices after an opt-out.</summary>
    OptIn,

    /// <summary>Answer with how to complain.</summary>
    Help,
}

/// <summary>
/// Recognises the carrier-standard keywords (CTIA and Twilio's defaults: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
/// QUIT; START, UNSTOP; HELP) and the Chinese ones (退订/退訂, 帮助/幫助). A keyword counts only as the whole text, so
/// "please stop charging me" stays a complaint.
/// </summary>
public sealed class SmsKeywordPolicy
{
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "退订", "退訂", "TD",
    };

    private static readonly HashSet<string> OptInWords = new(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP", "YES" };

    private static readonly HashSet<string> HelpWords = new(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO", "帮助", "幫助" };

    public SmsKeyword Classify(string? body)
    {
        var word = body?.Trim().TrimEnd('.', '!', '。', '！', ' ', '\u3000');
        if (string.IsNullOrEmpty(word))
        {
            return SmsKeyword.None;
        }

        return OptOutWords.Contains(word) ? SmsKeyword.OptOut
            : OptInWords.Contains(word) ? SmsKeyword.OptIn
            : HelpWords.Contains(word) ? SmsKeyword.Help
            : SmsKeyword.None;
    }
}
