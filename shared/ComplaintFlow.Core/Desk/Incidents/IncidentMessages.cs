using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk.Incidents;

/// <summary>What the desk says when it refuses an incident action, in the three languages staff may use.</summary>
public static class IncidentMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["area"] = "Choose one of the areas: {0}.",
            ["category"] = "Choose one of the categories: {0}.",
            ["starts-at"] = "Give the start as an ISO 8601 date and time with its offset, e.g. 2026-12-07T09:30:00+08:00.",
            ["ends-at"] = "Give the end as an ISO 8601 date and time after the start.",
            ["description"] = "Write the description in at least one language: en, zh-Hans or zh-Hant.",
            ["language"] = "Only en, zh-Hans and zh-Hant are accepted.",
            ["status"] = "Choose open or monitoring.",
            ["incident-resolved"] = "The incident is resolved: nothing more can be linked to it or posted.",
            ["already-linked"] = "The complaint is already linked to incident {0}.",
            ["not-linked"] = "The complaint is not linked to an incident.",
            ["no-suggestion"] = "There is no suggested incident to confirm.",
            ["unknown-incident"] = "There is no incident {0}.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["area"] = "请选择区域：{0}。",
            ["category"] = "请选择类别：{0}。",
            ["starts-at"] = "请以 ISO 8601 格式填写开始时间（含时区），如 2026-12-07T09:30:00+08:00。",
            ["ends-at"] = "请以 ISO 8601 格式填写晚于开始时间的结束时间。",
            ["description"] = "请至少用一种语言填写说明：en、zh-Hans 或 zh-Hant。",
            ["language"] = "只接受 en、zh-Hans 和 zh-Hant。",
            ["status"] = "请选择“处理中”或“观察中”。",
            ["incident-resolved"] = "该事件已解决，不能再关联投诉或发布进展。",
            ["already-linked"] = "该投诉已关联到事件 {0}。",
            ["not-linked"] = "该投诉未关联任何事件。",
            ["no-suggestion"] = "没有待确认的建议事件。",
            ["unknown-incident"] = "不存在事件 {0}。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["area"] = "請選擇區域：{0}。",
            ["category"] = "請選擇類別：{0}。",
            ["starts-at"] = "請以 ISO 8601 格式填寫開始時間（含時區），如 2026-12-07T09:30:00+08:00。",
            ["ends-at"] = "請以 ISO 8601 格式填寫晚於開始時間的結束時間。",
            ["description"] = "請至少用一種語言填寫說明：en、zh-Hans 或 zh-Hant。",
            ["language"] = "只接受 en、zh-Hans 和 zh-Hant。",
            ["status"] = "請選擇「處理中」或「觀察中」。",
            ["incident-resolved"] = "該事件已解決，不能再關聯投訴或發佈進展。",
            ["already-linked"] = "該投訴已關聯到事件 {0}。",
            ["not-linked"] = "該投訴未關聯任何事件。",
            ["no-suggestion"] = "沒有待確認的建議事件。",
            ["unknown-incident"] = "不存在事件 {0}。",
        },
    };

    public static ValidationError Error(StaffMember staff, string field, string key, params object[] args)
    {
        var language = SupportedLanguages.Normalise(staff.Language) ?? SupportedLanguages.English;
        return Messages[language].TryGetValue(key, out var format)
            ? new ValidationError(field, string.Format(CultureInfo.InvariantCulture, format, args))
            : new ValidationError(field, DeskMessages.Format(language, key, args));
    }

    public static DeskRefusal Refuse(RefusalKind kind, StaffMember staff, string field, string key, params object[] args) =>
        new(kind, [Error(staff, field, key, args)]);
}
