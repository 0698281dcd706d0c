using System.Globalization;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>
/// Finds the 4W1H facts a customer labels in an email or a text message ("Account: 12345", "户号：...", "地址：...",
/// "发生时间：2026-03-01"). Conservative by design, because a wrong account number sends an engineer to the wrong
/// house: only a labelled line counts, never a number guessed from prose; a value must look like what its label
/// says (an account holds digits, a date parses and is not after the message); a label given twice with different
/// values gives nothing. The customer's demand is not read from text: what someone wants is too easily misread.
/// </summary>
public static partial class ComplaintFactsParser
{
    /// <summary>A date older than this is a typing slip or a date of something else (a contract, a birthday).</summary>
    private static readonly TimeSpan OldestEvent = TimeSpan.FromDays(3_660);

    /// <param name="text">The message as the complaint keeps it (quoted history already cut).</param>
    /// <param name="receivedAt">When the message arrived: a date after it is not when the problem began.</param>
    /// <param name="zone">The customer's IANA zone a date without offset is read in; UTC when null.</param>
    public static ComplaintFacts? Find(string? text, DateTimeOffset receivedAt, string? zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var places = new HashSet<string>(StringComparer.Ordinal);
        var times = new HashSet<DateTimeOffset>();
        foreach (Match match in Labelled().Matches(text))
        {
            var value = match.Groups["value"].Value.Trim().TrimEnd('。', '.', '；', ';', '，', ',').Trim();
            if (value.Length == 0)
            {
                continue;
            }

            var label = match.Groups["label"].Value;
            if (AccountLabel().IsMatch(label) && AccountValue().IsMatch(value) && value.Count(char.IsAsciiDigit) >= 3)
            {
                accounts.Add(value);
            }
            else if (PlaceLabel().IsMatch(label) && value.Length is >= 4 and <= SubmissionValidator.MaxPlaceLength)
            {
                places.Add(value);
            }
            else if (TimeLabel().IsMatch(label) && ParseDate(value, zone) is { } at && at <= receivedAt && receivedAt - at <= OldestEvent)
            {
                times.Add(at);
            }
        }

        var found = new List<string>();
        string? One(HashSet<string> values, string field)
        {
            if (values.Count != 1)
            {
                return null;
            }

            found.Add(field);
            return values.First();
        }

        var account = One(accounts, "account");
        var place = One(places, "place");
        DateTimeOffset? eventTime = times.Count == 1 ? times.First() : null;
        if (eventTime is not null)
        {
            found.Add("eventTime");
        }

        return new ComplaintFacts { Account = account, Place = place, EventTime = eventTime, FoundInText = found }.OrNull();
    }

    private static DateTimeOffset? ParseDate(string value, string? zone)
    {
        var match = DateValue().Match(value);
        if (!match.Success)
        {
            return null;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var hour = match.Groups["h"].Success ? Part("h") : 0;
        var minute = match.Groups["min"].Success ? Part("min") : 0;
        if (Part("m") is < 1 or > 12 || Part("d") < 1 || Part("d") > DateTime.DaysInMonth(Part("y"), Part("m")) || hour > 23 || minute > 59)
        {
            return null;
        }

        var local = new DateTime(Part("y"), Part("m"), Part("d"), hour, minute, 0, DateTimeKind.Unspecified);
        var tz = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        return new DateTimeOffset(local, tz.GetUtcOffset(local));
    }

    // A label at the start of a line (after a bullet or spaces), then a colon (ASCII or full-width), then the value
    // to the end of the line. "My account: it was hacked" does not match: the label must be the line's first words.
    [GeneratedRegex(@"^[ \t\-\*•·]*(?<label>[A-Za-z][A-Za-z .#]{1,30}?|[\p{IsCJKUnifiedIdeographs}]{2,6})[ \t]*[:：][ \t]*(?<value>[^\r\n]{1,200})$", RegexOptions.Multiline)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^(account( number| no\.?| #)?|acct( no\.?)?|customer number|meter( number| no\.?)?|line number|phone line|service number|户号|戶號|账号|帐号|賬號|帳號|账户号|帳戶號|用户号|用戶號|客户编号|客戶編號|电表号|電錶號|表号|表號|宽带账号|寬頻帳號|服务号码|服務號碼)$", RegexOptions.IgnoreCase)]
    private static partial Regex AccountLabel();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 \-/]{2,40}$")]
    private static partial Regex AccountValue();

    [GeneratedRegex(@"^(address|service address|location|place|地址|地点|地點|安装地址|安裝地址|故障地址|用电地址|用電地址)$", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceLabel();

    [GeneratedRegex(@"^(since|started|start date|began|date of incident|incident date|when it started|发生时间|發生時間|开始时间|開始時間|故障时间|故障時間|停电时间|停電時間)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeLabel();

    [GeneratedRegex(@"^(?<y>20\d\d)\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?(?:[ T]*(?<h>\d{1,2})\s*[:：点點时時]\s*(?<min>\d{2})?\s*分?)?$")]
    private static partial Regex DateValue();
}
