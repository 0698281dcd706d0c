using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Functions.Web;

/// <summary>
/// The complaint form sent back as a page for a browser that posted it without script: what was typed is kept, an
/// error summary (focused on load) links to each field, and each field carries its message (<c>aria-invalid</c>,
/// <c>aria-describedby</c>), as the script does on the page. The page itself is <c>wwwroot/index.html</c>.
/// </summary>
public static partial class FormErrorPage
{
    /// <summary>The "field" of an error about the whole post rather than one field.</summary>
    public const string FormField = "form";

    private static readonly string[] TextFields = ["name", "email", "phone", "subject", "place", "account", "eventTime", "demandAmount", "demandCurrency", "demandDetail"];

    private static readonly Dictionary<string, (string Title, string Heading)> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh-Hans"] = ("错误：", "提交的内容有问题"),
        ["zh-Hant"] = ("錯誤：", "提交的內容有問題"),
        ["en"] = ("Error: ", "There is a problem"),
    };

    public static string Render(ComplaintSubmission submission, IReadOnlyList<ValidationError> errors, string? language)
    {
        var page = Encoding.UTF8.GetString(WebFunction.Assets.Find("index.html")!.Plain);
        var lang = language is not null && Texts.ContainsKey(language) ? language : "zh-Hans";
        var (title, heading) = Texts[lang];
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)), StringComparer.Ordinal);

        // The messages are in the complaint's language, which may not be the page's: each carries its own lang.
        var summary = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<div class=\"summary\" id=\"form-errors\" role=\"alert\" tabindex=\"-1\" autofocus lang=\"{lang}\" aria-labelledby=\"form-errors-title\">")
            .Append(CultureInfo.InvariantCulture, $"<h2 id=\"form-errors-title\">{Encode(heading)}</h2><ul>");
        foreach (var (field, message) in byField)
        {
            if (field == FormField)
            {
                // About the post as a whole (a limit, a stale form): no field to link to or to mark.
                summary.Append(CultureInfo.InvariantCulture, $"<li>{Encode(message)}</li>");
                continue;
            }

            // The contact rule is about two fields: its link goes to the first.
            var target = field == "contact" ? "email" : field;
            summary.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{Encode(target)}\">{Encode(message)}</a></li>");
        }

        page = SummarySlot().Replace(page, summary.Append("</ul></div>").ToString(), 1);
        page = TitleStart().Replace(page, match => match.Value + title, 1);

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = submission.Name,
            ["email"] = submission.Email,
            ["phone"] = submission.Phone,
            ["subject"] = submission.Subject,
            ["place"] = submission.Place,
            ["account"] = submission.Account,
            ["eventTime"] = submission.EventTime,
            ["demandAmount"] = submission.DemandAmount,
            ["demandCurrency"] = submission.DemandCurrency,
            ["demandDetail"] = submission.DemandDetail,
        };
        foreach (var field in TextFields)
        {
            var invalid = byField.ContainsKey(field) || (field is "email" or "phone" && byField.ContainsKey("contact"));
            var attributes = $"value=\"{Encode(values[field])}\"" + (invalid ? " aria-invalid=\"true\"" : "");
            page = page.Replace($"<input id=\"{field}\" ", $"<input id=\"{field}\" {attributes} ", StringComparison.Ordinal);
        }

        // The demand is a choice: the option chosen stays chosen (an unknown value chooses none, and is named in the summary).
        if (submission.Demand is { Length: > 0 } demand && CustomerDemand.Parse(demand) is { } kind)
        {
            page = page.Replace($"<option value=\"{CustomerDemand.NameOf(kind)}\"", $"<option value=\"{CustomerDemand.NameOf(kind)}\" selected", StringComparison.Ordinal);
        }

        if (byField.ContainsKey("demand"))
        {
            page = page.Replace("<select id=\"demand\" ", "<select id=\"demand\" aria-invalid=\"true\" ", StringComparison.Ordinal);
        }

        page = page.Replace("></textarea>", $"{(byField.ContainsKey("text") ? " aria-invalid=\"true\"" : "")}>{Encode(submission.Text)}</textarea>", StringComparison.Ordinal);
        if (SupportedLanguages.Normalise(submission.Language) is { } chosen)
        {
            page = page.Replace("id=\"language\" value=\"zh-Hans\"", $"id=\"language\" value=\"{chosen}\"", StringComparison.Ordinal);
        }

        foreach (var (field, message) in byField)
        {
            page = page.Replace($"data-error-for=\"{field}\"></span>", $"data-error-for=\"{field}\" lang=\"{lang}\">{Encode(message)}</span>", StringComparison.Ordinal);
        }

        return WebFunction.Assets.Rewrite(page);
    }

    /// <summary>The form again, typed values kept, with one message about the post as a whole (429, 422, 400).</summary>
    public static string RenderRefusal(ComplaintSubmission submission, string message, string? language) =>
        Render(submission, [new ValidationError(FormField, message)], language);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    [GeneratedRegex("<title[^>]*>")]
    private static partial Regex TitleStart();

    [GeneratedRegex(@"<div class=""summary"" id=""form-errors""[^>]*></div>")]
    private static partial Regex SummarySlot();
}
