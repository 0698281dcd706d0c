using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk;

/// <summary>A root cause of the week's resolved complaints, with the corrective actions recorded against it.</summary>
public sealed record RootCauseReview(string RootCause, int Complaints, IReadOnlyList<string> CorrectiveActions);

/// <summary>
/// The periodic review of complaint data that practice asks for (issue 20 item 7): one desk week (Monday 00:00 to
/// Monday 00:00 in the desk's zone) of volumes by channel and category, on-time rates per clock, the top root causes
/// with their corrective actions, repeat complainants, and follow-up and satisfaction. It carries counts and the
/// staff's own corrective-action words, never a customer's contact details or complaint text.
/// </summary>
public sealed record WeeklyReport
{
    public required string Week { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required DeskStatistics Statistics { get; init; }
    public required IReadOnlyDictionary<string, int> ByChannel { get; init; }
    public required int Resolved { get; init; }
    public required IReadOnlyList<RootCauseReview> RootCauses { get; init; }
    public required int SurveyAnswers { get; init; }
    public required int Satisfied { get; init; }

    /// <summary>Contacts with more than one complaint, and the most complaints any one of them made (no contact is named).</summary>
    public int RepeatContacts => Statistics.RepeatComplainants.Count;

    public int MostByOneContact => Statistics.RepeatComplainants.Select(r => r.Complaints).DefaultIfEmpty(0).Max();

    /// <summary>The desk week that ended last, as <c>yyyy-Www</c> (ISO 8601) with its bounds in UTC.</summary>
    public static (string Week, DateTimeOffset From, DateTimeOffset To) LastCompleteWeek(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).Date;
        var monday = local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        var start = monday.AddDays(-7);
        DateTimeOffset At(DateTime day) => new(day, zone.GetUtcOffset(day));
        var week = $"{ISOWeek.GetYear(start):D4}-W{ISOWeek.GetWeekOfYear(start):D2}";
        return (week, At(start), At(monday));
    }

    public static WeeklyReport Compute(IReadOnlyCollection<Complaint> complaints, string week, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, int satisfiedAtOrAbove)
    {
        var inRange = complaints.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to).ToList();
        // Resolved in the week, whenever they came in: that is what the week's corrective actions were about.
        var resolved = complaints.Where(c => c.Resolution is { } r && r.ResolvedAt >= from && r.ResolvedAt < to).ToList();
        var answers = complaints.SelectMany(c => c.SurveyAnswers).Where(a => a.AnsweredAt >= from && a.AnsweredAt < to).ToList();
        return new WeeklyReport
        {
            Week = week,
            From = from,
            To = to,
            Statistics = DeskStatistics.Compute(complaints, from, to, now, withStaff: false),
            ByChannel = inRange.GroupBy(c => c.Channel.ToString()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            Resolved = resolved.Count,
            RootCauses = [.. resolved
                .GroupBy(c => c.Resolution!.RootCause)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(5)
                .Select(g => new RootCauseReview(g.Key, g.Count(), [.. g
                    .Select(c => c.Resolution!.CorrectiveAction?.Trim())
                    .OfType<string>()
                    .Where(a => a.Length > 0)
                    .GroupBy(a => a, StringComparer.OrdinalIgnoreCase)
                    .OrderByDescending(a => a.Count()).ThenBy(a => a.Key, StringComparer.Ordinal)
                    .Take(3)
                    .Select(a => a.Key)]))],
            SurveyAnswers = answers.Count,
            Satisfied = answers.Count(a => a.Score >= satisfiedAtOrAbove),
        };
    }

    /// <summary>One per cent of <paramref name="part"/> in <paramref name="whole"/>, or a dash when there is nothing to divide.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The on-time share of a clock: met on time of those met or missed (a running clock is not judged yet).</summary>
    public static string OnTimeRate(ClockCompliance clock) => Percent(clock.OnTime, clock.OnTime + clock.Late);
}

/// <summary>The weekly report written for its readers: an email subject and body in the desk's language, and a CSV of every figure.</summary>
public static class WeeklyReportText
{
    private sealed record Words(
        string Subject, string Received, string Channels, string Categories, string Clocks, string ClockLine,
        string Resolved, string RootCauses, string NoRootCauses, string Repeat, string Survey, string Escalations,
        string Redress, string Attached, string None);

    private static readonly Words English = new(
        "ComplaintFlow weekly report {0}: {1} received",
        "Received: {0}",
        "By channel: {0}",
        "By category: {0}",
        "On time per clock (met on time of those met or missed):",
        "  {0}: {1} ({2} on time, {3} late, {4} still running)",
        "Resolved this week: {0}; median time to resolve {1} h",
        "Top root causes and the corrective actions recorded:",
        "  No complaint was resolved this week.",
        "Repeat complainants: {0} contacts with more than one complaint (at most {1} from one contact).",
        "Follow-up and satisfaction: {0} survey answers, {1} satisfied (score 4 or 5); average score {2}.",
        "Escalation grades: {0}",
        "Redress granted: {0}",
        "Every figure is in the attached CSV. Complaints received {0} to {1}.",
        "none");

    private static readonly Words Simplified = new(
        "ComplaintFlow 投诉周报 {0}：受理 {1} 件",
        "受理量：{0} 件",
        "按渠道：{0}",
        "按类别：{0}",
        "各时限及时率（按时办结数 ÷ 已办结及已超时数）：",
        "  {0}：{1}（按时 {2}，超时 {3}，进行中 {4}）",
        "本周办结：{0} 件；办结时长中位数 {1} 小时",
        "主要根本原因及已记录的整改措施：",
        "  本周没有办结的投诉。",
        "重复投诉：{0} 位客户投诉超过一次（同一客户最多 {1} 次）。",
        "回访与满意度：收到 {0} 份问卷，满意（4 或 5 分）{1}；平均分 {2}。",
        "升级等级：{0}",
        "已批准的补偿：{0}",
        "全部数据见附件 CSV。统计期间：{0} 至 {1}。",
        "无");

    private static readonly Words Traditional = Simplified with
    {
        Subject = "ComplaintFlow 投訴週報 {0}：受理 {1} 件",
        Channels = "按渠道：{0}",
        Categories = "按類別：{0}",
        Clocks = "各時限及時率（按時辦結數 ÷ 已辦結及已超時數）：",
        ClockLine = "  {0}：{1}（按時 {2}，超時 {3}，進行中 {4}）",
        Resolved = "本週辦結：{0} 件；辦結時長中位數 {1} 小時",
        RootCauses = "主要根本原因及已記錄的整改措施：",
        NoRootCauses = "  本週沒有辦結的投訴。",
        Repeat = "重複投訴：{0} 位客戶投訴超過一次（同一客戶最多 {1} 次）。",
        Survey = "回訪與滿意度：收到 {0} 份問卷，滿意（4 或 5 分）{1}；平均分 {2}。",
        Escalations = "升級等級：{0}",
        Redress = "已批准的補償：{0}",
        Attached = "全部數據見附件 CSV。統計期間：{0} 至 {1}。",
        None = "無",
    };

    /// <summary>Channel and default root-cause names as the Chinese desk says them; other taxonomy keys are shown as configured.</summary>
    private static readonly Dictionary<string, (string Hans, string Hant)> Labels = new(StringComparer.Ordinal)
    {
        ["Web"] = ("网页", "網頁"),
        ["Email"] = ("邮件", "郵件"),
        ["Sms"] = ("短信", "短訊"),
        ["Phone"] = ("电话", "電話"),
        ["InPerson"] = ("现场", "現場"),
        ["our-error"] = ("我方差错", "我方差錯"),
        ["third-party"] = ("第三方原因", "第三方原因"),
        ["customer-misunderstanding"] = ("客户误解", "客戶誤解"),
        ["policy"] = ("政策规定", "政策規定"),
        ["unfounded"] = ("投诉不成立", "投訴不成立"),
    };

    private static string Label(string key, string language) => SupportedLanguages.Normalise(language) switch
    {
        SupportedLanguages.SimplifiedChinese when Labels.TryGetValue(key, out var label) => label.Hans,
        SupportedLanguages.TraditionalChinese when Labels.TryGetValue(key, out var label) => label.Hant,
        _ => key,
    };

    private static Words For(string language) => SupportedLanguages.Normalise(language) switch
    {
        SupportedLanguages.SimplifiedChinese => Simplified,
        SupportedLanguages.TraditionalChinese => Traditional,
        _ => English,
    };

    public static string Subject(WeeklyReport report, string language) =>
        Format(For(language).Subject, report.Week, report.Statistics.Total);

    public static string Body(WeeklyReport report, string language, TimeZoneInfo zone)
    {
        var w = For(language);
        var chinese = SupportedLanguages.Normalise(language) != SupportedLanguages.English;
        var separator = chinese ? "，" : ", ";
        string List(IReadOnlyDictionary<string, int> counts) =>
            counts.Count == 0 ? w.None : string.Join(separator, counts.Select(c => $"{Label(c.Key, language)} {c.Value}"));

        var text = new StringBuilder();
        text.AppendLine(Subject(report, language)).AppendLine();
        text.AppendLine(Format(w.Received, report.Statistics.Total));
        text.AppendLine(Format(w.Channels, List(report.ByChannel)));
        text.AppendLine(Format(w.Categories, List(report.Statistics.ByCategory)));
        text.AppendLine();
        text.AppendLine(w.Clocks);
        foreach (var clock in report.Statistics.Compliance)
        {
            text.AppendLine(Format(w.ClockLine, $"{clock.Clock} / {clock.Kind}", WeeklyReport.OnTimeRate(clock), clock.OnTime, clock.Late, clock.Running));
        }

        text.AppendLine();
        text.AppendLine(Format(w.Resolved, report.Resolved, report.Statistics.Resolution.MedianHours?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–"));
        text.AppendLine(w.RootCauses);
        if (report.RootCauses.Count == 0)
        {
            text.AppendLine(w.NoRootCauses);
        }

        foreach (var cause in report.RootCauses)
        {
            text.AppendLine($"  {Label(cause.RootCause, language)}: {cause.Complaints}");
            foreach (var action in cause.CorrectiveActions)
            {
                text.AppendLine($"    - {action}");
            }
        }

        text.AppendLine();
        text.AppendLine(Format(w.Repeat, report.RepeatContacts, report.MostByOneContact));
        text.AppendLine(Format(w.Survey, report.SurveyAnswers, WeeklyReport.Percent(report.Satisfied, report.SurveyAnswers),
            report.Statistics.AverageSurveyScore?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–"));
        text.AppendLine(Format(w.Escalations, List(report.Statistics.Escalations)));
        text.AppendLine(Format(w.Redress, report.Statistics.Redress.Count == 0
            ? w.None
            : string.Join(separator, report.Statistics.Redress.Select(r => $"{r.Currency} {r.Offered.ToString("0.##", CultureInfo.InvariantCulture)} ({r.Count})"))));
        text.AppendLine();
        text.AppendLine(Format(w.Attached, CustomerTime.Format(report.From, language, zone), CustomerTime.Format(report.To, language, zone)));
        return text.ToString();
    }

    /// <summary>
    /// Every figure as <c>section,item,value,detail</c> rows (RFC 4180). A cell a spreadsheet would run as a formula
    /// (starting with <c>= + - @</c>, tab or carriage return) is written with a leading apostrophe.
    /// </summary>
    public static string Csv(WeeklyReport report)
    {
        var rows = new List<string[]>
        {
            new[] { "section", "item", "value", "detail" },
            new[] { "week", report.Week, report.From.ToString("o", CultureInfo.InvariantCulture), report.To.ToString("o", CultureInfo.InvariantCulture) },
            new[] { "received", "total", Number(report.Statistics.Total), "" },
        };
        rows.AddRange(report.ByChannel.Select(c => new[] { "channel", c.Key, Number(c.Value), "" }));
        rows.AddRange(report.Statistics.ByCategory.Select(c => new[] { "category", c.Key, Number(c.Value), "" }));
        rows.AddRange(report.Statistics.Compliance.Select(c => new[]
        {
            "on-time", $"{c.Clock}/{c.Kind}", WeeklyReport.OnTimeRate(c), $"on time {c.OnTime}; late {c.Late}; running {c.Running}",
        }));
        rows.Add(["resolved", "total", Number(report.Resolved), ""]);
        rows.Add(["resolved", "median-hours", report.Statistics.Resolution.MedianHours?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", ""]);
        foreach (var cause in report.RootCauses)
        {
            rows.Add(["root-cause", cause.RootCause, Number(cause.Complaints), string.Join(" | ", cause.CorrectiveActions)]);
        }

        rows.Add(["repeat-complainants", "contacts", Number(report.RepeatContacts), $"most from one contact {report.MostByOneContact}"]);
        rows.Add(["survey", "answers", Number(report.SurveyAnswers), ""]);
        rows.Add(["survey", "satisfied", Number(report.Satisfied), WeeklyReport.Percent(report.Satisfied, report.SurveyAnswers)]);
        rows.Add(["survey", "average-score", report.Statistics.AverageSurveyScore?.ToString("0.00", CultureInfo.InvariantCulture) ?? "", ""]);
        rows.AddRange(report.Statistics.Escalations.Select(e => new[] { "escalation", e.Key, Number(e.Value), "" }));
        rows.AddRange(report.Statistics.Redress.Select(r => new[]
        {
            "redress", r.Currency, r.Offered.ToString("0.##", CultureInfo.InvariantCulture), $"accepted {r.Accepted.ToString("0.##", CultureInfo.InvariantCulture)}; {r.Count} granted",
        }));
        return string.Concat(rows.Select(r => string.Join(',', r.Select(Cell)) + "\r\n"));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}
