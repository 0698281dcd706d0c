using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify.Sms;

/// <summary>
/// Writes the short texts we send SMS complainants: an acknowledgement and a pointer to the written resolution, each
/// with the reference and the status page link, and the answers to HELP, to an opt-out and to an opt-in. Wording is dropped piece by piece (opt-out hint,
/// sender name, link) until the text fits <see cref="SmsOptions.MaxSegments"/>; the reference always stays.
/// </summary>
public sealed partial class SmsComposer(SmsOptions sms, PublicSite site, AccessCodes? codes = null)
{
    private readonly AccessCodes _codes = codes ?? new AccessCodes(sms);

    private sealed record Wording(string Brand, string Acknowledgement, string Promise, string Resolution, string Link, string Stop, string Help, string OptedOut, string OptedIn,
        string Holding, string Survey, string Letter, string Rights, string ReadLink, string Code);

    private static readonly Dictionary<string, Wording> Wordings = new()
    {
        [SupportedLanguages.English] = new(
            "{0}: ",
            "We received your complaint {0}.",
            " We will respond by {0}.",
            "Your complaint {0} has a response.",
            "Track it: {0}",
            "Reply STOP to opt out.",
            "To complain, reply with what went wrong and we will text you a reference, or use {0}.",
            "You will get no more texts from us. Reply START to get them again.",
            "You will get our texts again. Reply STOP to opt out.",
            "Complaint {0} needs more time. Where it stands and your rights:",
            "How did we do on complaint {0}? Tell us:",
            "Our answer to complaint {0}:",
            "Not satisfied? Your rights: {0}",
            "Read it: {0}",
            "{0} is your code to read our answer to complaint {1}. It works for {2} minutes. Do not share it."),
        [SupportedLanguages.SimplifiedChinese] = new(
            "【{0}】",
            "已收到您的投诉，编号{0}。",
            "我们将于{0}前答复。",
            "您的投诉{0}已有答复。",
            "查看：{0}",
            "回复退订停止短信",
            "投诉请直接回复短信说明问题，我们会发来投诉编号；也可访问{0}。",
            "您已退订，不会再收到我们的短信。回复START可恢复接收。",
            "您已恢复接收我们的短信。回复退订停止接收。",
            "投诉{0}需要更多时间处理。进展及您的权利：",
            "您对投诉{0}的处理满意吗？请评价：",
            "投诉{0}的答复：",
            "如不满意，您的权利：{0}",
            "阅读：{0}",
            "验证码{0}，用于查看投诉{1}的答复，{2}分钟内有效，请勿告诉他人。"),
        [SupportedLanguages.TraditionalChinese] = new(
            "【{0}】",
            "已收到您的投訴，編號{0}。",
            "我們將於{0}前答覆。",
            "您的投訴{0}已有答覆。",
            "查看：{0}",
            "回覆退訂停止短訊",
            "投訴請直接回覆短訊說明問題，我們會發來投訴編號；亦可瀏覽{0}。",
            "您已退訂，不會再收到我們的短訊。回覆START可恢復接收。",
            "您已恢復接收我們的短訊。回覆退訂停止接收。",
            "投訴{0}需要更多時間處理。進展及您的權利：",
            "您對投訴{0}的處理滿意嗎？請評價：",
            "投訴{0}的答覆：",
            "如不滿意，您的權利：{0}",
            "閱讀：{0}",
            "驗證碼{0}，用於查看投訴{1}的答覆，{2}分鐘內有效，請勿告訴他人。"),
    };

    /// <param name="replyBy">The first-response date exactly as the email acknowledgement and the status page write it;
    /// it is kept whatever else is dropped to fit, because it is the promise the desk is held to.</param>
    /// <param name="emergency">When a safeguarding rule fired: who to call now (<see cref="EmergencyContact.Short"/>),
    /// kept whatever else is dropped, at the cost of one more segment.</param>
    /// <param name="incident">When triage linked the complaint to a known incident: its area and public text (the
    /// email's "we already know about this problem"); the area is kept, at the cost of one more segment.</param>
    public string Acknowledgement(string complaintId, string language, string? replyBy = null, string? emergency = null, KnownIncident? incident = null) =>
        Fit(language, w => (emergency is null ? "" : emergency + " ") + w.Acknowledgement + IncidentSentence(language, incident, withText: false)
                + (replyBy is null ? "" : Format(w.Promise, replyBy)),
            ComplaintId.ToReference(complaintId), StatusUrl(complaintId), extraSegments: (emergency is null ? 0 : 1) + (incident is null ? 0 : 1));

    /// <summary>The incident a complaint was linked to when it was acknowledged: where, and what is known and being done.</summary>
    public sealed record KnownIncident(string Area, string? Text)
    {
        /// <summary>From the acknowledgement's data (<c>incidentArea</c>, <c>incidentText</c>), when triage linked the complaint.</summary>
        public static KnownIncident? From(IReadOnlyDictionary<string, string> data) =>
            data.TryGetValue("incidentArea", out var area) && !string.IsNullOrWhiteSpace(area)
                ? new KnownIncident(area, data.TryGetValue("incidentText", out var text) && !string.IsNullOrWhiteSpace(text) ? text : null)
                : null;
    }

    private static readonly Dictionary<string, (string Known, string Doing)> IncidentWording = new()
    {
        [SupportedLanguages.English] = (" We already know about this problem in {0} and are working on it.", " {0}"),
        [SupportedLanguages.SimplifiedChinese] = ("您反映的问题（{0}）我们已经知悉，正在处理。", "{0}"),
        [SupportedLanguages.TraditionalChinese] = ("您反映的問題（{0}）我們已經知悉，正在處理。", "{0}"),
    };

    /// <summary>"We already know about this problem in Nanshan and are working on it." and, when asked, what is being done.</summary>
    private static string IncidentSentence(string language, KnownIncident? incident, bool withText)
    {
        if (incident is null)
        {
            return "";
        }

        var (known, doing) = IncidentWording.GetValueOrDefault(SupportedLanguages.Normalise(language) ?? SupportedLanguages.English, IncidentWording[SupportedLanguages.English]);
        var sentence = Format(known, Unlinked(incident.Area));
        return withText && incident.Text is { } text ? sentence + Format(doing, Unlinked(text)) : sentence;
    }

    private static readonly Dictionary<string, (string What, string Demand, string Ellipsis)> ReadBackWording = new()
    {
        [SupportedLanguages.English] = (" About: \"{0}\".", " You asked for: {0}.", "..."),
        [SupportedLanguages.SimplifiedChinese] = ("内容：“{0}”。", "诉求：{0}。", "…"),
        [SupportedLanguages.TraditionalChinese] = ("內容：「{0}」。", "訴求：{0}。", "…"),
    };

    /// <summary>Segments the read-back acknowledgement may take, in GSM-7 or UCS-2 alike.</summary>
    public const int ReadBackSegments = 2;

    /// <summary>Fewer characters of what the customer said than this read back nothing: the text goes without it.</summary>
    private const int ShortestWhat = 8;

    /// <summary>
    /// The acknowledgement as a read-back (复述确认): the reference, what the complaint is about (the subject, else the
    /// start of the text, shortened to fit), the customer's demand when they gave one, and the reply deadline, within
    /// <see cref="ReadBackSegments"/> (plus one for a safeguarding message, never more than
    /// <see cref="SmsOptions.MaxSegments"/>). The opt-out hint, the sender name and the link go before the facts do;
    /// when even the shortest "what" does not fit, the plain <see cref="Acknowledgement"/> goes.
    /// </summary>
    public string ReadBack(Complaint complaint, string? replyBy = null, string? emergency = null, KnownIncident? incident = null)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var language = SupportedLanguages.Normalise(complaint.Language) ?? SupportedLanguages.English;
        var wording = WordingFor(language);
        var (whatTemplate, demandTemplate, ellipsis) = ReadBackWording.GetValueOrDefault(language, ReadBackWording[SupportedLanguages.English]);
        // Two segments hold at most 306 GSM-7 characters: more of a long text is never tried.
        var what = Unlinked(complaint.Subject ?? complaint.Text);
        what = what.Length > 320 ? what[..320] : what;
        var demand = complaint.Facts?.Demand?.In(language) is { } d ? Format(demandTemplate, Unlinked(d)) : "";
        var budget = Math.Min(sms.MaxSegments, ReadBackSegments + (emergency is null ? 0 : 1) + (incident is null ? 0 : 1));
        var url = StatusUrl(complaint.Id);
        var linked = Format(wording.Link, url);
        // A known incident: what is being done when it fits, else only that it is known and where.
        var known = incident?.Text is null
            ? [IncidentSentence(language, incident, withText: false)]
            : new[] { IncidentSentence(language, incident, withText: true), IncidentSentence(language, incident, withText: false) };
        var incidentSentence = known[0];

        string Core(string said) =>
            (emergency is null ? "" : emergency + " ") + Format(wording.Acknowledgement, complaint.Reference) + incidentSentence + Format(whatTemplate, said) + demand
            + (replyBy is null ? "" : Format(wording.Promise, replyBy));
        IEnumerable<(string Text, string Unbranded)> Shells(string core) =>
        [
            ($"{Brand(wording)}{core} {linked} {wording.Stop}", $"{core} {linked} {wording.Stop}"),
            ($"{Brand(wording)}{core} {linked}", $"{core} {linked}"),
            ($"{core} {linked}", $"{core} {linked}"),
            (core, core),
        ];
        // As in the pointers: a sender name outside GSM-7 never turns an otherwise GSM-7 text into UCS-2.
        bool Fits((string Text, string Unbranded) c) =>
            SmsSegmenter.Measure(c.Text).Segments <= budget && (!IsGsm7(c.Unbranded) || IsGsm7(c.Text));

        foreach (var sentence in known)
        {
            incidentSentence = sentence;
            for (var shell = 0; shell < 4; shell++)
            {
                if (Shells(Core(what)).ElementAt(shell) is var whole && Fits(whole))
                {
                    return whole.Text;
                }

                // The longest start of what they said that fits: text elements, so a character is never cut in half.
                var elements = System.Globalization.StringInfo.ParseCombiningCharacters(what);
                for (var keep = elements.Length - 1; keep >= ShortestWhat; keep--)
                {
                    var shortened = what[..elements[keep]].TrimEnd() + ellipsis;
                    if (Shells(Core(shortened)).ElementAt(shell) is var candidate && Fits(candidate))
                    {
                        return candidate.Text;
                    }
                }
            }
        }

        return Acknowledgement(complaint.Id, complaint.Language, replyBy, emergency, incident);
    }

    /// <summary>
    /// The customer's words on one line, with anything that reads as a link or an address left out: the form takes any
    /// phone number, and a text from our number must not carry a link someone else typed (as the email defangs them).
    /// </summary>
    private static string Unlinked(string text) =>
        string.Join(' ', LinkLike().Replace(text, "…").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [System.Text.RegularExpressions.GeneratedRegex(@"\S*(?:://|www\.|@)\S*|\S+\.[A-Za-z]{2,}\S*")]
    private static partial System.Text.RegularExpressions.Regex LinkLike();

    /// <summary>
    /// A pointer to the written resolution: the link opens a page that shows the letter and the referral rights once
    /// the customer confirms their number with a one-time code.
    /// </summary>
    public string ResolutionPointer(string complaintId, string language) =>
        Fit(language, w => w.Resolution, ComplaintId.ToReference(complaintId), ResolutionUrl(complaintId), link: WordingFor(language).ReadLink, linkRequired: true);

    /// <summary>
    /// The resolution for a customer we can only text: the written resolution itself, with the link to the referral
    /// rights, when it fits <see cref="SmsOptions.ResolutionSegments"/>; otherwise the pointer to the page that shows it.
    /// </summary>
    public string Resolution(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (complaint.Resolution is { } resolution)
        {
            var wording = WordingFor(complaint.Language);
            var letter = $"{Format(wording.Letter, complaint.Reference)} {resolution.Text.Trim()} {Format(wording.Rights, ResolutionUrl(complaint.Id))}";
            foreach (var text in new[] { Brand(wording) + letter, letter })
            {
                if (SmsSegmenter.Measure(text).Segments <= sms.ResolutionSegments)
                {
                    return text;
                }
            }
        }

        return ResolutionPointer(complaint.Id, complaint.Language);
    }

    /// <summary>The one-time code text; the code is computed here, at send time, from the notice's id.</summary>
    public string AccessCode(Complaint complaint, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(notification);
        var wording = WordingFor(complaint.Language);
        var minutes = ((int)Math.Ceiling(sms.AccessCodeLifetime.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Brand(wording) + wording.Code
            .Replace("{0}", _codes.CodeFor(notification.Id), StringComparison.Ordinal)
            .Replace("{1}", complaint.Reference, StringComparison.Ordinal)
            .Replace("{2}", minutes, StringComparison.Ordinal);
    }

    /// <summary>A holding notice by text is a pointer: the full notice (new date, referral rights) is on the status page.</summary>
    public string HoldingPointer(string complaintId, string language) =>
        Fit(language, w => w.Holding, ComplaintId.ToReference(complaintId), StatusUrl(complaintId), link: "{0}", linkRequired: true);

    private static readonly Dictionary<string, string> ProgressWording = new()
    {
        [SupportedLanguages.English] = "We are still working on complaint {0}. Where it stands:",
        [SupportedLanguages.SimplifiedChinese] = "您的投诉{0}正在处理中。进展：",
        [SupportedLanguages.TraditionalChinese] = "您的投訴{0}正在處理中。進展：",
    };

    /// <summary>A progress notice by text is a pointer: the status page shows where the complaint stands and the dates.</summary>
    public string ProgressPointer(string complaintId, string language) =>
        Fit(language, _ => ProgressWording.GetValueOrDefault(SupportedLanguages.Normalise(language) ?? SupportedLanguages.English) ?? ProgressWording[SupportedLanguages.English],
            ComplaintId.ToReference(complaintId), StatusUrl(complaintId), link: "{0}", linkRequired: true);

    /// <summary>The survey by text: the question and the survey link (which carries the resolution's token).</summary>
    public string SurveyPointer(Complaint complaint, string surveyUrl) =>
        Fit(complaint.Language, w => w.Survey, complaint.Reference, surveyUrl, link: "{0}", extraSegments: 1, linkRequired: true);

    /// <summary>
    /// The text of a notice sent by SMS; notices SMS has no wording for keep their email text. The resolution goes in
    /// full to a customer who has no email address (else the email carries the letter and the text points to it).
    /// </summary>
    public string NoticeText(Complaint complaint, Notification notification, ComposedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(notice);
        return notification.Kind switch
        {
            NotificationKind.Acknowledgement => ReadBack(complaint, notice.ReplyBy,
                complaint.Triage?.Safeguarding == true ? EmergencyContacts.For(complaint).Short : null, KnownIncident.From(notification.Data)),
            NotificationKind.Resolution when complaint.Contact.Email is null => Resolution(complaint),
            NotificationKind.Resolution => ResolutionPointer(complaint.Id, complaint.Language),
            NotificationKind.AccessCode => AccessCode(complaint, notification),
            NotificationKind.Holding => HoldingPointer(complaint.Id, complaint.Language),
            NotificationKind.Progress => ProgressPointer(complaint.Id, complaint.Language),
            NotificationKind.Interim or NotificationKind.Incident => Interim(complaint, notification),
            NotificationKind.Survey when complaint.Resolution is { } resolution =>
                SurveyPointer(complaint, ResolutionNotice.SurveyUrl(complaint, resolution, site)),
            _ => notice.Text,
        };
    }

    private static readonly Dictionary<string, string> InterimOpening = new()
    {
        [SupportedLanguages.English] = "About complaint {0}: ",
        [SupportedLanguages.SimplifiedChinese] = "关于投诉{0}：",
        [SupportedLanguages.TraditionalChinese] = "關於投訴{0}：",
    };

    /// <summary>
    /// An interim reply by text: the reference, the desk's words as written (never shortened: the desk keeps them
    /// short), and the status link.
    /// </summary>
    public string Interim(Complaint complaint, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(notification);
        var wording = WordingFor(complaint.Language);
        var opening = InterimOpening.GetValueOrDefault(SupportedLanguages.Normalise(complaint.Language) ?? SupportedLanguages.English) ?? InterimOpening[SupportedLanguages.English];
        return $"{Brand(wording)}{Format(opening, complaint.Reference)}{notification.Data.GetValueOrDefault("text")?.Trim()} {StatusUrl(complaint.Id)}";
    }

    public string Help(string language)
    {
        var wording = WordingFor(language);
        var text = Brand(wording) + Format(wording.Help, site.RootUrl) + " " + wording.Stop;
        return SmsSegmenter.Measure(text).Segments <= sms.MaxSegments ? text : Format(wording.Help, site.RootUrl);
    }

    /// <summary>Confirms an opt-out the provider did not answer, and says how to opt back in.</summary>
    public string OptedOut(string language)
    {
        var wording = WordingFor(language);
        return Brand(wording) + wording.OptedOut;
    }

    public string OptedIn(string language)
    {
        var wording = WordingFor(language);
        return Brand(wording) + wording.OptedIn;
    }

    /// <summary>The short link to the resolution page (<c>/r/&lt;reference&gt;</c>).</summary>
    public string ResolutionUrl(string complaintId) =>
        site.ResolutionUrl(ComplaintId.ToReference(complaintId));

    /// <summary>The short status link (<c>/s/&lt;reference&gt;</c>): the reference is in the text already.</summary>
    public string StatusUrl(string complaintId) =>
        site.ShortStatusUrl(ComplaintId.ToReference(complaintId));

    /// <summary>
    /// The pointer's wording, shortened piece by piece (opt-out hint, sender name, link) until it fits its budget:
    /// one segment when the text is GSM-7 (English), two when it is UCS-2 (Chinese), plus
    /// <paramref name="extraSegments"/>, never more than <see cref="SmsOptions.MaxSegments"/>. The reference always
    /// stays; so does the link when the text is nothing without it (<paramref name="linkRequired"/>).
    /// </summary>
    private string Fit(string language, Func<Wording, string> core, string reference, string url, string? link = null, int extraSegments = 0, bool linkRequired = false)
    {
        var wording = WordingFor(language);
        var message = Format(core(wording), reference);
        var linked = Format(link ?? wording.Link, url);
        string[] candidates =
        [
            $"{Brand(wording)}{message} {linked} {wording.Stop}",
            $"{Brand(wording)}{message} {linked}",
            $"{message} {linked}",
            .. linkRequired ? Array.Empty<string>() : [message],
        ];
        // The budget follows the wording's own script: a sender name outside GSM-7 would turn an English text into
        // UCS-2 and double its segments, so such a name is left out of English texts rather than paid for.
        var gsmWording = IsGsm7(message + linked);
        var budget = PointerBudget(message + linked, extraSegments);
        return candidates.FirstOrDefault(c => SmsSegmenter.Measure(c).Segments <= budget && (!gsmWording || IsGsm7(c)))
            ?? candidates[^1];
    }

    /// <summary>Segments a pointer may take: one GSM-7 segment, or two UCS-2 segments (a Chinese text holds 67 characters a part).</summary>
    private int PointerBudget(string wording, int extraSegments) =>
        Math.Min(sms.MaxSegments, (SmsSegmenter.EncodingOf(wording) == SmsEncoding.Gsm7 ? PointerSegments : PointerSegments + 1) + extraSegments);

    /// <summary>Whether the sender name can open an English text without turning it into UCS-2 (checked at start).</summary>
    public static bool IsGsm7(string text) => SmsSegmenter.EncodingOf(text) == SmsEncoding.Gsm7;

    /// <summary>The segments a pointer (acknowledgement, resolution, holding notice, survey) aims at in GSM-7.</summary>
    public const int PointerSegments = 1;

    private string Brand(Wording wording) => Format(wording.Brand, sms.SenderName);

    private static Wording WordingFor(string language) =>
        Wordings.GetValueOrDefault(SupportedLanguages.Normalise(language) ?? SupportedLanguages.English) ?? Wordings[SupportedLanguages.English];

    private static string Format(string template, string value) => template.Replace("{0}", value, StringComparison.Ordinal);
}
