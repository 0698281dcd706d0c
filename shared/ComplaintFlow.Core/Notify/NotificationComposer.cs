using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using Scriban;
using Scriban.Runtime;

namespace ComplaintFlow.Core.Notify;

/// <summary>A notice ready to send: subject, plain text, and the same text as safe HTML.</summary>
public sealed record ComposedNotice(string Subject, string Text, string Html)
{
    /// <summary>The promised first-response date as this notice wrote it (the SMS acknowledgement repeats it word for word).</summary>
    public string? ReplyBy { get; init; }
}

/// <summary>
/// Writes notices from Liquid templates (rendered by Scriban) (one per kind and language, embedded in this assembly). The first line of
/// a template is the subject. Customer text is quoted, never interpreted: templates render without HTML and the
/// HTML part is built from the escaped text.
/// </summary>
public sealed partial class NotificationComposer(NotifyOptions notify, PublicSite site)
{
    private static readonly ConcurrentDictionary<string, Template> Templates = new();
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(notify.TimeZone);

    public ComposedNotice Compose(Complaint complaint, Notification notification, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var toStaff = notification.Kind == NotificationKind.StaffAlert;
        var language = toStaff ? notify.StaffLanguage : complaint.Language;
        var template = TemplateFor(notification.Kind, language);
        // Dates to a customer are written in their zone and words; staff read them in the desk's zone.
        var zone = toStaff ? _zone : CustomerTime.ZoneOf(complaint, notify.TimeZone);
        string Format(DateTimeOffset at) => CustomerTime.Format(at, language, zone);
        var promise = CustomerPromise.Of(complaint);
        var model = new Dictionary<string, object?>
        {
            ["reference"] = complaint.Reference,
            ["name"] = complaint.Contact.Name,
            ["received_at"] = Format(complaint.ReceivedAt),
            ["channel"] = ChannelName(complaint.Channel, complaint.Language),
            ["subject"] = complaint.Subject,
            ["quoted_text"] = Quote(complaint.Text),
            // The record's facts (4W1H) are read back with the text, so the customer can correct a wrong account or place.
            ["place"] = complaint.Facts?.Place,
            ["account"] = complaint.Facts?.Account,
            ["event_time"] = complaint.Facts?.EventTime is { } began ? Format(began) : null,
            ["demand"] = complaint.Facts?.Demand?.In(complaint.Language),
            // The first-response deadline the desk is held to: the same date the status page shows (CustomerPromise).
            ["reply_by"] = promise.FirstResponseBy is { } reply ? Format(reply) : "-",
            ["resolve_by"] = promise.ResolveBy is { } resolve ? Format(resolve) : "-",
            ["statutory_by"] = promise.StatutoryBy is { } statutory ? Format(statutory) : null,
            ["provisional"] = promise.Provisional,
            ["referrals"] = complaint.Referrals.Select(r => r.In(complaint.Language)).Distinct().ToArray(),
            ["status_url"] = StatusUrl(complaint),
            ["from_name"] = notify.FromName,
            ["portal_url"] = site.DeskUrl(complaint.Id),
            // A safeguarding rule fired: the acknowledgement opens with who to call now, for where the customer is.
            // (The region lookup parses the phone number: done only for the complaints that need it.)
            ["safeguarding"] = complaint.Triage?.Safeguarding == true,
            ["emergency"] = complaint.Triage?.Safeguarding == true ? EmergencyContacts.For(complaint).Text : null,
        };
        foreach (var (key, value) in notification.Data)
        {
            // Instants in a notice's data are written in the customer's (or the desk's) time zone.
            model[SnakeCase(key)] = DateTimeOffset.TryParseExact(value, "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? Format(at) : value;
        }

        foreach (var (key, value) in ResolutionNotice.Model(complaint, notification, site).Concat(extra ?? new Dictionary<string, object?>()))
        {
            model[key] = value;
        }

        var globals = new ScriptObject();
        foreach (var (key, value) in model)
        {
            globals.Add(key, value);
        }

        var context = new LiquidTemplateContext { StrictVariables = false };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        var rendered = template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = rendered.IndexOf('\n', StringComparison.Ordinal);
        var subject = rendered[..newline].Trim();
        var body = rendered[(newline + 1)..].Trim() + "\n";
        var ours = model.Where(m => m.Key.EndsWith("_url", StringComparison.Ordinal) && m.Value is string { Length: > 0 })
            .Select(m => (string)m.Value!).OrderByDescending(u => u.Length).ToList();
        return new ComposedNotice(subject, body, ToHtml(body, ours)) { ReplyBy = promise.FirstResponseBy is { } promised ? Format(promised) : null };
    }

    public string StatusUrl(Complaint complaint) =>
        site.StatusUrl(complaint.Reference);

    /// <summary>An instant as this complaint's customer reads it in their letters and on the status page.</summary>
    public string FormatForCustomer(Complaint complaint, DateTimeOffset at) =>
        CustomerTime.Format(at, complaint.Language, CustomerTime.ZoneOf(complaint, notify.TimeZone));

    private static string SnakeCase(string key) =>
        string.Concat(key.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Quote(string text)
    {
        const int limit = 2_000;
        var excerpt = text.Length > limit ? text[..limit] + " […]" : text;
        return string.Join('\n', excerpt.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => "> " + line));
    }

    private static string ChannelName(Channel channel, string language) => (language, channel) switch
    {
        (SupportedLanguages.SimplifiedChinese, Channel.Web) => "网上表单",
        (SupportedLanguages.SimplifiedChinese, Channel.Email) => "电子邮件",
        (SupportedLanguages.SimplifiedChinese, Channel.Sms) => "短信",
        (SupportedLanguages.SimplifiedChinese, Channel.Phone) => "电话",
        (SupportedLanguages.SimplifiedChinese, Channel.InPerson) => "现场",
        (SupportedLanguages.TraditionalChinese, Channel.Web) => "網上表單",
        (SupportedLanguages.TraditionalChinese, Channel.Email) => "電子郵件",
        (SupportedLanguages.TraditionalChinese, Channel.Sms) => "簡訊",
        (SupportedLanguages.TraditionalChinese, Channel.Phone) => "電話",
        (SupportedLanguages.TraditionalChinese, Channel.InPerson) => "現場",
        (_, Channel.Web) => "web form",
        (_, Channel.InPerson) => "in person",
        _ => channel.ToString().ToLowerInvariant(),
    };

    private static Template TemplateFor(NotificationKind kind, string language)
    {
        var name = $"{kind.ToString().ToLowerInvariant()}.{language}.liquid";
        return Templates.GetOrAdd(name, static n =>
        {
            using var stream = typeof(NotificationComposer).Assembly.GetManifestResourceStream("templates/" + n)
                ?? throw new InvalidOperationException($"No notice template {n}.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var source = reader.ReadToEnd();
            var template = Template.ParseLiquid(source, n);
            return template.HasErrors
                ? throw new InvalidOperationException($"Notice template {n} does not parse: {string.Join("; ", template.Messages)}")
                : template;
        });
    }

    /// <summary>
    /// The HTML part, line for line the plain text. Only our own links (<paramref name="links"/>: the status page,
    /// the survey, the desk) become anchors; every other character is escaped and defanged (<see cref="Defang"/>),
    /// because mail clients turn a bare URL or domain into a live link by themselves, and a complaint's subject or
    /// text would otherwise be a link in a mail from our address to any address typed in the form.
    /// </summary>
    private static string ToHtml(string text, IReadOnlyCollection<string> links)
    {
        var html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        foreach (var paragraph in text.Split("\n\n"))
        {
            var lines = paragraph.Split('\n').Select(line => LinkOurs(line, links));
            html.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string LinkOurs(string line, IReadOnlyCollection<string> links)
    {
        // A quoted line is the customer's own text, whatever it holds.
        var link = line.StartsWith('>') ? null : links.FirstOrDefault(l => line.Contains(l, StringComparison.Ordinal));
        if (link is null)
        {
            return WebUtility.HtmlEncode(Defang(line));
        }

        var at = line.IndexOf(link, StringComparison.Ordinal);
        var href = WebUtility.HtmlEncode(link);
        return $"{LinkOurs(line[..at], links)}<a href=\"{href}\">{href}</a>{LinkOurs(line[(at + link.Length)..], links)}";
    }

    /// <summary>
    /// A zero-width space after every dot, colon, slash and at sign that is followed by more: <c>evil.example</c>,
    /// <c>https://…</c> and <c>javascript:…</c> read the same but are no longer a domain, a URL or an address to a
    /// mail client's autolinker. The plain-text part keeps the text exactly as written.
    /// </summary>
    private static string Defang(string text) => LinkLike().Replace(text, "$0\u200B");

    [GeneratedRegex(@"[.:/@\\](?=\S)")]
    private static partial Regex LinkLike();
}
