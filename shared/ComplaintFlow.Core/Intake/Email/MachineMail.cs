using System.Text.RegularExpressions;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// Recognises mail written by a machine, whichever mode it came in: the structure first (RFC 6522
/// <c>multipart/report</c> and its report parts: RFC 3464 delivery status, RFC 5965 ARF feedback, RFC 8098 read
/// receipts), then headers (RFC 3834 <c>Auto-Submitted</c> and the vendor headers older clients still send), then the
/// sender and subjects the big mail systems write in English, Chinese and the main European languages. Answering any
/// of these would start a mail loop or open a complaint in no person's name. Subject rules are anchored at the start:
/// the systems put their words first, and a customer's subject that merely mentions "out of office hours" is kept.
/// </summary>
public static partial class MachineMail
{
    private static readonly string[] MachineLocalParts = ["mailer-daemon", "postmaster"];

    /// <summary>The class of machine mail (an <see cref="InboundEmailReasons"/> code), or null for a person's mail.</summary>
    public static string? Recognise(InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var signals = email.LoopSignals;
        var report = ReportType(signals.ContentType);
        bool Has(string partType) => signals.PartTypes.Contains(partType, StringComparer.OrdinalIgnoreCase);

        if (report == "feedback-report" || Has("message/feedback-report"))
        {
            return InboundEmailReasons.FeedbackReport;
        }

        if (report == "disposition-notification" || Has("message/disposition-notification") || Has("message/global-disposition-notification"))
        {
            return InboundEmailReasons.ReadReceipt;
        }

        var subject = email.Subject?.Trim() ?? string.Empty;
        if (report == "delivery-status" || report == "global-delivery-status" || Has("message/delivery-status") || Has("message/global-delivery-status"))
        {
            // RFC 3464 §2.3.3: "delayed" is a warning that the MTA is still trying; every other action ends the try.
            return "delayed".Equals(signals.DeliveryAction, StringComparison.OrdinalIgnoreCase) || DelaySubject().IsMatch(subject)
                ? InboundEmailReasons.Delay
                : InboundEmailReasons.Bounce;
        }

        if (DelaySubject().IsMatch(subject))
        {
            return InboundEmailReasons.Delay;
        }

        var localPart = email.From.Split('@')[0];
        if (MachineLocalParts.Contains(localPart, StringComparer.OrdinalIgnoreCase)
            || (email.FromName is { } name && MailerName().IsMatch(name.Trim()))
            || BounceSubject().IsMatch(subject))
        {
            return InboundEmailReasons.Bounce;
        }

        // Challenge-response systems answer with Auto-Submitted too; their own class tells staff why a sender waits.
        if (ChallengeSubject().IsMatch(subject))
        {
            return InboundEmailReasons.ChallengeResponse;
        }

        if (signals.AutoSubmitted is not null
            || signals.AutoReplyHeader
            || "VACATION".Equals(signals.AppleAction, StringComparison.OrdinalIgnoreCase)
            || "auto_reply".Equals(signals.Precedence, StringComparison.OrdinalIgnoreCase)
            || AutoReplySubject().IsMatch(subject))
        {
            return InboundEmailReasons.AutoReply;
        }

        return signals.NullEnvelopeSender ? InboundEmailReasons.NullSender : null;
    }

    /// <summary>The <c>report-type</c> parameter of a <c>multipart/report</c> media type, lower case.</summary>
    private static string? ReportType(string? contentType)
    {
        if (contentType is null || !contentType.TrimStart().StartsWith("multipart/report", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = ReportTypeParameter().Match(contentType);
        return match.Success ? match.Groups["type"].Value.ToLowerInvariant() : "unknown";
    }

    [GeneratedRegex(@"report-type\s*=\s*""?(?<type>[A-Za-z0-9\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ReportTypeParameter();

    [GeneratedRegex(@"^(Mail Delivery (System|Subsystem|Service)|MAILER[- ]DAEMON|Postmaster|Mail Administrator|系统退信|系統退信)$", RegexOptions.IgnoreCase)]
    private static partial Regex MailerName();

    // Postfix, Exim, Sendmail, qmail, Exchange (in its languages), Gmail, Lotus, QQ/Foxmail, NetEase, Coremail.
    [GeneratedRegex(@"^(Undelivered Mail Returned to Sender|Undeliverable\s*:|Undelivered\s*:|Delivery Status Notification \((Failure|Failed)\)|Mail delivery failed|Returned mail\s*:|Failure notice\s*$|Delivery Failure\b|Mail System Error\b|Delivery has failed|Message delivery has failed|Nondeliverable mail|Non-?delivery (report|notification)|Unzustellbar\s*:|Non remis\s*:|Onbestelbaar\s*:|No se puede entregar\s*:|Non recapitabile\s*:|系统退信|系統退信|退信|邮件投递失败|郵件投遞失敗|投递失败|无法投递|無法投遞|未送达|未能送达)", RegexOptions.IgnoreCase)]
    private static partial Regex BounceSubject();

    [GeneratedRegex(@"^(Delivery Status Notification \(Delay\)|Delayed Mail\b|Warning: (message .{0,80}delayed|could not send message for past)|Delivery delayed\s*:|Mail delivery delayed|Message delayed\b|Zustellung verzögert|Remise différée|邮件延迟|延迟投递|延迟发送)", RegexOptions.IgnoreCase)]
    private static partial Regex DelaySubject();

    // Outlook ("Automatic reply:", older "Out of Office AutoReply:"), Lotus Notes ("AUTO:"), Gmail vacation,
    // Exchange in German/French/Spanish/Italian/Dutch/Portuguese/Nordic, QQ and NetEase ("自动回复").
    [GeneratedRegex(@"^(AUTO\s*:|Auto(matic)?[ \-]?(reply|response|responder|antwort)\b|Autoreply\b|Out of (the )?Office((\s+(Auto[- ]?Reply|Reply|Notice))?\s*([:：\-]|$))|自动回复|自動回覆|自動回复|自動回復|Abwesenheitsnotiz|Automatische Antwort|Réponse automatique|Reponse automatique|Respuesta automática|Respuesta automatica|Risposta automatica|Automatisch antwoord|Resposta automática|Resposta automatica|Autosvar|Automaattinen vastaus|Odpowiedź automatyczna)", RegexOptions.IgnoreCase)]
    private static partial Regex AutoReplySubject();

    // Challenge-response filters (Spam Arrest, Boxbe, TMDA, Mailwasher) ask the sender to prove they are a person.
    [GeneratedRegex(@"^(Please confirm your (message|e-?mail)\b|Sender verification\b|Verify your (e-?mail|message)( address)? to (deliver|send)|Your message (requires|needs) (verification|confirmation)|Request to deliver your message|Confirm your message to|\[?Spam Arrest\b|Boxbe\b|发件人验证|請驗證您的郵件)", RegexOptions.IgnoreCase)]
    private static partial Regex ChallengeSubject();
}
