using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk;

public static class CompensationEventTypes
{
    public const string Approved = "compensation-approved";
    public const string Rejected = "compensation-rejected";
}

/// <summary>
/// A supervisor's decision on a compensation above its recorder's limit (<see cref="CompensationLimits"/>): approved,
/// it becomes redress (told to the customer with the resolution, counted on the dashboard); rejected, with a reason, it
/// stays on the record as refused. Nobody approves their own, and a decision is final: a rejected compensation is
/// recorded again, not revived. Compensations are numbered from 1 in the order they were recorded (the list only grows).
/// </summary>
public static class CompensationApprovals
{
    private const int MaxReasonLength = 500;

    public static ComplaintChange Approve(Complaint complaint, StaffMember staff, int number, DateTimeOffset now)
    {
        var compensation = Awaiting(complaint, staff, number);
        return Decide(complaint, staff, number, compensation with { Approval = CompensationApproval.Approved, DecidedBy = staff.Id, DecidedAt = now }, now)
            .Record(CompensationEventTypes.Approved, staff.Id, EventData(compensation, number));
    }

    public static ComplaintChange Reject(Complaint complaint, StaffMember staff, int number, string? reason, DateTimeOffset now)
    {
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            throw Refuse(RefusalKind.Invalid, staff, "reason", "reason-required");
        }

        if (why.Length > MaxReasonLength)
        {
            throw Refuse(RefusalKind.Invalid, staff, "reason", "reason-too-long", MaxReasonLength);
        }

        var compensation = Awaiting(complaint, staff, number);
        var data = EventData(compensation, number);
        data["reason"] = why;
        return Decide(complaint, staff, number, compensation with { Approval = CompensationApproval.Rejected, DecidedBy = staff.Id, DecidedAt = now, DecisionReason = why }, now)
            .Record(CompensationEventTypes.Rejected, staff.Id, data);
    }

    /// <summary>
    /// A resolution letter tells the customer the compensation they accepted: one still awaiting approval would be
    /// left out of it (or, approved later, never told), so it is decided first.
    /// </summary>
    public static void EnsureNoneAwaiting(Complaint complaint, StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(staff);
        if (complaint.Compensations.Any(c => c.Approval == CompensationApproval.Awaiting))
        {
            throw Refuse(RefusalKind.WrongState, staff, "compensation", "awaiting-before-resolve");
        }
    }

    /// <summary>The word the history and the API use for an approval state.</summary>
    public static string Code(CompensationApproval approval) => approval switch
    {
        CompensationApproval.NotNeeded => "not-needed",
        CompensationApproval.Awaiting => "awaiting",
        CompensationApproval.Approved => "approved",
        _ => "rejected",
    };

    private static Compensation Awaiting(Complaint complaint, StaffMember staff, int number)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(staff);
        if (!staff.IsSupervisor)
        {
            throw Refuse(RefusalKind.Forbidden, staff, "compensation", "supervisors-only");
        }

        if (number < 1 || number > complaint.Compensations.Count)
        {
            throw Refuse(RefusalKind.Invalid, staff, "number", "no-such-compensation", number);
        }

        var compensation = complaint.Compensations[number - 1];
        if (compensation.Approval != CompensationApproval.Awaiting)
        {
            throw Refuse(RefusalKind.WrongState, staff, "compensation", "not-awaiting", number, DeskDecisionMessages.Format(staff.Language, Code(compensation.Approval)));
        }

        // Four eyes: whoever recorded it (a supervisor above their own limit too) cannot be the second pair.
        if (string.Equals(compensation.RecordedBy, staff.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse(RefusalKind.Forbidden, staff, "compensation", "own-compensation");
        }

        return compensation;
    }

    private static ComplaintChange Decide(Complaint complaint, StaffMember staff, int number, Compensation decided, DateTimeOffset now) =>
        complaint.Change(now).Apply(c => c with { Compensations = [.. c.Compensations.Select((x, i) => i == number - 1 ? decided : x)] });

    private static Dictionary<string, string> EventData(Compensation compensation, int number) => new()
    {
        ["number"] = number.ToString(CultureInfo.InvariantCulture),
        ["amount"] = compensation.Amount.ToString("0.00", CultureInfo.InvariantCulture),
        ["currency"] = compensation.Currency,
        ["recordedBy"] = compensation.RecordedBy,
    };

    private static DeskRefusal Refuse(RefusalKind kind, StaffMember staff, string field, string key, params object[] args) =>
        new(kind, [new Intake.ValidationError(field, DeskDecisionMessages.Format(staff.Language, key, args))]);
}

/// <summary>One compensation waiting for a supervisor, as the "awaiting approval" work list shows it.</summary>
public sealed record AwaitingCompensation
{
    public required string ComplaintId { get; init; }
    public string Reference => Complaints.ComplaintId.ToReference(ComplaintId);
    public required int Number { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required string Reason { get; init; }
    public required bool Accepted { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string Status { get; init; }
    public string? Owner { get; init; }
}

/// <summary>
/// Table <c>CompensationApprovals</c> (port): the complaints that may have a compensation awaiting approval, so the
/// supervisors' list reads a handful of rows instead of every complaint. A row is written <em>before</em> the
/// compensation is saved, so a crash in between leaves a row too many (repaired when the list is read), never one too few.
/// </summary>
public interface ICompensationApprovalIndex
{
    Task AddAsync(string complaintId, DateTimeOffset at, CancellationToken cancellationToken);

    Task RemoveAsync(string complaintId, CancellationToken cancellationToken);

    IAsyncEnumerable<(string ComplaintId, DateTimeOffset At)> AllAsync(CancellationToken cancellationToken);
}

/// <summary>The supervisors' "awaiting approval" work list, kept in step with the complaints it points at.</summary>
public sealed class AwaitingApprovals(ICompensationApprovalIndex index, IComplaintStore complaints, PortalOptions options, TimeProvider time)
{
    /// <summary>
    /// A row younger than this may belong to a compensation being saved right now: it is not repaired yet, or the list
    /// could remove the row of a compensation whose save lands a moment later, which then never shows.
    /// </summary>
    public static readonly TimeSpan RepairAfter = TimeSpan.FromMinutes(5);

    private readonly CompensationLimits _limits = new(options);

    /// <summary>Called before a compensation is saved: when it will wait for approval, its complaint is put on the list.</summary>
    public async Task NoteAsync(string complaintId, StaffMember staff, decimal? amount, string? currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var code = currency?.Trim().ToUpperInvariant();
        if (amount is > 0 && code is not null && CompensationLimits.IsCurrencyCode(code) && _limits.NeedsApproval(staff, amount.Value, code)
            && Complaints.ComplaintId.TryParse(complaintId, out var id))
        {
            await index.AddAsync(id, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Every compensation awaiting approval, oldest first; rows whose complaint has none left are removed.</summary>
    public async Task<IReadOnlyList<AwaitingCompensation>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<AwaitingCompensation>();
        var now = time.GetUtcNow();
        await foreach (var (complaintId, at) in index.AllAsync(cancellationToken))
        {
            var found = await complaints.FindAsync(complaintId, cancellationToken);
            var awaiting = found is null ? [] : Of(found.Complaint).ToList();
            if (awaiting.Count == 0 && now - at >= RepairAfter)
            {
                await index.RemoveAsync(complaintId, cancellationToken);
            }

            items.AddRange(awaiting);
        }

        return [.. items.OrderBy(i => i.RecordedAt).ThenBy(i => i.ComplaintId, StringComparer.Ordinal).ThenBy(i => i.Number)];
    }

    private static IEnumerable<AwaitingCompensation> Of(Complaint complaint) =>
        complaint.Compensations
            .Select((c, i) => (c, Number: i + 1))
            .Where(x => x.c.Approval == CompensationApproval.Awaiting)
            .Select(x => new AwaitingCompensation
            {
                ComplaintId = complaint.Id,
                Number = x.Number,
                Amount = x.c.Amount,
                Currency = x.c.Currency,
                Reason = x.c.Reason,
                Accepted = x.c.Accepted,
                RecordedBy = x.c.RecordedBy,
                RecordedAt = x.c.RecordedAt,
                Status = complaint.Status.ToString(),
                Owner = complaint.Owner,
            });
}

/// <summary>What the desk says about compensation limits and approvals and about decisions on held mail, in the three languages staff may use.</summary>
public static class DeskDecisionMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["mail-already-released"] = "This mail was already released by {0}.",
            ["mail-already-discarded"] = "This mail was already discarded by {0}.",
            ["mail-unknown-complaint"] = "No complaint has the reference '{0}'.",
            ["mail-unreadable"] = "The stored mail cannot be read ({0}): it cannot be released.",
            ["mail-reason-required"] = "Say why the mail is discarded.",
            ["currency-not-offered"] = "This desk does not offer compensation in {0}; it offers {1}.",
            ["above-ceiling"] = "At most {0} {1} can be recorded as one compensation.",
            ["supervisors-only"] = "Only a supervisor can approve or reject compensation.",
            ["no-such-compensation"] = "This complaint has no compensation number {0}.",
            ["not-awaiting"] = "Compensation {0} is not awaiting approval: it is {1}.",
            ["own-compensation"] = "You recorded this compensation: another supervisor must approve or reject it.",
            ["reason-required"] = "Say why the compensation is rejected.",
            ["reason-too-long"] = "Must be at most {0} characters.",
            ["awaiting-before-resolve"] = "A compensation is awaiting a supervisor's approval: it must be approved or rejected before the complaint is resolved.",
            ["not-needed"] = "within the limit",
            ["awaiting"] = "awaiting approval",
            ["approved"] = "approved",
            ["rejected"] = "rejected",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["mail-already-released"] = "该邮件已由 {0} 放行。",
            ["mail-already-discarded"] = "该邮件已由 {0} 丢弃。",
            ["mail-unknown-complaint"] = "没有编号为“{0}”的投诉。",
            ["mail-unreadable"] = "无法读取已保存的邮件（{0}），不能放行。",
            ["mail-reason-required"] = "请说明丢弃该邮件的原因。",
            ["currency-not-offered"] = "本处理台不提供以 {0} 计的补偿；可用币种：{1}。",
            ["above-ceiling"] = "单笔补偿最多只能记录 {0} {1}。",
            ["supervisors-only"] = "只有主管可以批准或驳回补偿。",
            ["no-such-compensation"] = "该投诉没有第 {0} 笔补偿。",
            ["not-awaiting"] = "第 {0} 笔补偿不在待批准状态：当前为{1}。",
            ["own-compensation"] = "这笔补偿是您记录的，须由另一位主管批准或驳回。",
            ["reason-required"] = "请说明驳回补偿的原因。",
            ["reason-too-long"] = "不能超过 {0} 个字符。",
            ["awaiting-before-resolve"] = "有补偿正在等待主管批准：须先批准或驳回，才能解决该投诉。",
            ["not-needed"] = "在额度内",
            ["awaiting"] = "待批准",
            ["approved"] = "已批准",
            ["rejected"] = "已驳回",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["mail-already-released"] = "該郵件已由 {0} 放行。",
            ["mail-already-discarded"] = "該郵件已由 {0} 丟棄。",
            ["mail-unknown-complaint"] = "沒有編號為「{0}」的投訴。",
            ["mail-unreadable"] = "無法讀取已儲存的郵件（{0}），不能放行。",
            ["mail-reason-required"] = "請說明丟棄該郵件的原因。",
            ["currency-not-offered"] = "本處理台不提供以 {0} 計的補償；可用幣別：{1}。",
            ["above-ceiling"] = "單筆補償最多只能記錄 {0} {1}。",
            ["supervisors-only"] = "只有主管可以核准或駁回補償。",
            ["no-such-compensation"] = "該投訴沒有第 {0} 筆補償。",
            ["not-awaiting"] = "第 {0} 筆補償不在待核准狀態：目前為{1}。",
            ["own-compensation"] = "這筆補償是您記錄的，須由另一位主管核准或駁回。",
            ["reason-required"] = "請說明駁回補償的原因。",
            ["reason-too-long"] = "不能超過 {0} 個字元。",
            ["awaiting-before-resolve"] = "有補償正在等待主管核准：須先核准或駁回，才能解決該投訴。",
            ["not-needed"] = "在額度內",
            ["awaiting"] = "待核准",
            ["approved"] = "已核准",
            ["rejected"] = "已駁回",
        },
    };

    public static string Format(string language, string key, params object[] args)
    {
        var table = Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English];
        return string.Format(CultureInfo.InvariantCulture, table[key], args);
    }
}
