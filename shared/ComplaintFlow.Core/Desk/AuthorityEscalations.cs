using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

public static class AuthorityEscalationEventTypes
{
    public const string Escalated = EventTypes.AuthorityEscalated;
    public const string TakenOver = "authority-taken-over";
    public const string Returned = "authority-returned";
}

/// <summary>Why an agent hands a complaint up (超权限请示): the fixed list the desk offers.</summary>
public static class AuthorityEscalationReasons
{
    public const string BeyondAuthority = "beyond-authority";
    public const string CompensationAboveLimit = "compensation-above-limit";
    public const string CustomerAsksForManager = "customer-asks-for-manager";
    public const string Legal = "legal";

    /// <summary>A threat of violence: the system raises it when triage finds one; an agent who hears one raises it too.</summary>
    public const string ThreatOfViolence = AuthorityEscalation.ThreatOfViolence;

    public static IReadOnlyList<string> All { get; } = [BeyondAuthority, CompensationAboveLimit, CustomerAsksForManager, Legal, ThreatOfViolence];
}

/// <summary>
/// Escalation by authority (超权限请示): beside the deadline sweep's escalation by time, an agent hands a complaint up
/// when it is beyond what they may decide. It waits on the supervisors' "escalated for authority" view until a
/// supervisor takes it over (they become its owner, with the reason on record) or returns it to the agent with a
/// note. One is open at a time: a second while the first waits would only split the supervisors' answer.
/// </summary>
public sealed class AuthorityEscalations(ComplaintDesk desk)
{
    private const int MaxTextLength = 500;

    public static ComplaintChange Escalate(Complaint complaint, StaffMember staff, string? reason, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(staff);
        var code = reason?.Trim();
        if (code is null || !AuthorityEscalationReasons.All.Contains(code))
        {
            throw Refuse(RefusalKind.Invalid, staff, "reason", "reason-invalid", string.Join(", ", AuthorityEscalationReasons.All));
        }

        var text = Text(staff, "note", note, required: false);
        EnsureOpen(complaint, staff);
        if (complaint.AuthorityEscalation is { } open)
        {
            throw Refuse(RefusalKind.WrongState, staff, "reason", "already-escalated", open.RaisedBy, open.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        var escalation = new AuthorityEscalation { Reason = code, Note = text, RaisedBy = staff.Id, RaisedAt = now };
        return complaint.Change(now)
            .Apply(c => c with { AuthorityEscalation = escalation })
            .Record(AuthorityEscalationEventTypes.Escalated, staff.Id, new Dictionary<string, string>
            {
                ["reason"] = code,
                ["note"] = text ?? string.Empty,
                ["owner"] = complaint.Owner ?? string.Empty,
            });
    }

    /// <summary>
    /// A supervisor takes the complaint over: it becomes theirs (assigned as the desk assigns, so its team follows
    /// the same rule) and the escalation is closed, with why they took it.
    /// </summary>
    public ComplaintChange TakeOver(Complaint complaint, StaffMember staff, string? reason, DateTimeOffset now)
    {
        var open = Open(complaint, staff);
        var why = Text(staff, "reason", reason, required: true)!;
        return desk.Assign(complaint, staff, staff.Id, now)
            .Apply(c => c with { AuthorityEscalation = null })
            .Record(AuthorityEscalationEventTypes.TakenOver, staff.Id, new Dictionary<string, string>
            {
                ["reason"] = why,
                ["escalationReason"] = open.Reason,
                ["raisedBy"] = open.RaisedBy,
            });
    }

    /// <summary>A supervisor sends it back: the agent keeps it, with the supervisor's note to act on.</summary>
    public static ComplaintChange Return(Complaint complaint, StaffMember staff, string? note, DateTimeOffset now)
    {
        var open = Open(complaint, staff);
        var text = Text(staff, "note", note, required: true)!;
        return complaint.Change(now)
            .Apply(c => c with { AuthorityEscalation = null })
            .Record(AuthorityEscalationEventTypes.Returned, staff.Id, new Dictionary<string, string>
            {
                ["note"] = text,
                ["escalationReason"] = open.Reason,
                ["to"] = open.RaisedBy,
            });
    }

    private static AuthorityEscalation Open(Complaint complaint, StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(staff);
        if (!staff.IsSupervisor)
        {
            throw Refuse(RefusalKind.Forbidden, staff, "escalation", "supervisors-only");
        }

        EnsureOpen(complaint, staff);
        return complaint.AuthorityEscalation ?? throw Refuse(RefusalKind.WrongState, staff, "escalation", "not-escalated");
    }

    private static void EnsureOpen(Complaint complaint, StaffMember staff)
    {
        if (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed)
        {
            throw Refuse(RefusalKind.WrongState, staff, "status", "closed");
        }
    }

    private static string? Text(StaffMember staff, string field, string? value, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return required ? throw Refuse(RefusalKind.Invalid, staff, field, field + "-required") : null;
        }

        return text.Length > MaxTextLength ? throw Refuse(RefusalKind.Invalid, staff, field, "too-long", MaxTextLength) : text;
    }

    private static DeskRefusal Refuse(RefusalKind kind, StaffMember staff, string field, string key, params object[] args) =>
        new(kind, [new ValidationError(field, AuthorityEscalationMessages.Format(staff.Language, key, args))]);
}

/// <summary>What the desk says about escalations by authority, in the three languages staff may use.</summary>
public static class AuthorityEscalationMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["reason-invalid"] = "Choose why it is escalated: one of {0}.",
            ["already-escalated"] = "This complaint is already escalated (by {0} at {1} UTC): a supervisor must take it over or return it first.",
            ["supervisors-only"] = "Only a supervisor can take over or return an escalated complaint.",
            ["not-escalated"] = "This complaint is not escalated: there is nothing to take over or return.",
            ["closed"] = "This complaint is resolved: reopen it first.",
            ["reason-required"] = "Say why you take it over.",
            ["note-required"] = "Write a note for the agent saying what to do.",
            ["too-long"] = "Must be at most {0} characters.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["reason-invalid"] = "请选择请示原因，可选：{0}。",
            ["already-escalated"] = "该投诉已在请示中（{0} 于 {1} UTC 提交）：须先由主管接手或退回。",
            ["supervisors-only"] = "只有主管可以接手或退回请示的投诉。",
            ["not-escalated"] = "该投诉没有待处理的请示，无法接手或退回。",
            ["closed"] = "该投诉已解决：请先重新打开。",
            ["reason-required"] = "请说明接手的原因。",
            ["note-required"] = "请给坐席写一条处理意见。",
            ["too-long"] = "不能超过 {0} 个字符。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["reason-invalid"] = "請選擇請示原因，可選：{0}。",
            ["already-escalated"] = "該投訴已在請示中（{0} 於 {1} UTC 提交）：須先由主管接手或退回。",
            ["supervisors-only"] = "只有主管可以接手或退回請示的投訴。",
            ["not-escalated"] = "該投訴沒有待處理的請示，無法接手或退回。",
            ["closed"] = "該投訴已解決：請先重新開啟。",
            ["reason-required"] = "請說明接手的原因。",
            ["note-required"] = "請給客服人員寫一條處理意見。",
            ["too-long"] = "不能超過 {0} 個字元。",
        },
    };

    public static string Format(string language, string key, params object[] args)
    {
        var table = Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English];
        return string.Format(CultureInfo.InvariantCulture, table[key], args);
    }
}
