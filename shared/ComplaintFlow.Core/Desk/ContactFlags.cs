using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

/// <summary>The two kinds of difficult contact a supervisor may flag (issue 20 item 6).</summary>
public static class ContactFlagKinds
{
    /// <summary>A habitual complainant (投诉为生型): repeated complaints about settled matters, demands beyond policy.</summary>
    public const string Habitual = "habitual";

    /// <summary>An abusive or threatening contact (过激、违法): abuse of staff, threats, unlawful demands.</summary>
    public const string Abusive = "abusive";

    public static IReadOnlyList<string> All { get; } = [Habitual, Abusive];
}

public static class ContactFlagEventTypes
{
    public const string Flagged = "contact-flagged";
    public const string Lifted = "contact-flag-lifted";
}

/// <summary>
/// A supervisor's flag on a contact (the person, by every email and phone the complaint gives): what kind, why, the
/// handling plan agreed for them, and until when. It shows on every complaint of that contact, those already received
/// and those still to come, until it expires or a supervisor lifts it.
/// </summary>
public sealed record ContactFlag
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Reason { get; init; }
    public required string Plan { get; init; }

    /// <summary>The complaint on which the supervisor set it (its timeline holds the record).</summary>
    public required string ComplaintId { get; init; }
    public required string SetBy { get; init; }
    public required DateTimeOffset SetAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? LiftedBy { get; init; }
    public DateTimeOffset? LiftedAt { get; init; }
    public string? LiftReason { get; init; }

    public bool IsActive(DateTimeOffset now) => LiftedAt is null && ExpiresAt > now;
}

/// <summary>Where flags are kept: under each identity of the contact (normalised email, E.164 phone), hashed.</summary>
public interface IContactFlagStore
{
    /// <summary>Every flag held under any identity of <paramref name="contact"/>, lifted and expired included.</summary>
    Task<IReadOnlyList<ContactFlag>> ForAsync(ContactDetails contact, CancellationToken cancellationToken);

    /// <summary>Writes the flag under each identity of <paramref name="contact"/>. Idempotent: the same flag twice is one.</summary>
    Task SaveAsync(ContactDetails contact, ContactFlag flag, CancellationToken cancellationToken);

    /// <summary>Removes every flag held under the identities of <paramref name="contact"/> (an erasure).</summary>
    Task ForgetAsync(ContactDetails contact, CancellationToken cancellationToken);
}

/// <summary>What a supervisor submits to flag a contact.</summary>
public sealed record ContactFlagInput(string? Kind, string? Reason, string? Plan, string? ExpiresOn, string? IdempotencyKey);

/// <summary>
/// The rules for flagging a difficult contact. The complaint's timeline is the record (an event carries the whole
/// flag); the flag store is what every other complaint of the contact reads, written from those events after the save
/// (<see cref="FromHistory"/>), so a store write lost after the save is made good by the next submission.
/// </summary>
public static class ContactFlags
{
    /// <summary>A flag is reviewed, not kept for ever: at most a year, then a supervisor decides again.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    private const int MaxTextLength = 1000;

    public static ComplaintChange Flag(Complaint complaint, StaffMember staff, ContactFlagInput input, DateTimeOffset now, TimeZoneInfo deskZone)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(input);
        EnsureSupervisor(staff);
        EnsureIdentifiable(complaint, staff);
        var errors = new List<ValidationError>();
        var kind = input.Kind?.Trim();
        if (kind is null || !ContactFlagKinds.All.Contains(kind))
        {
            errors.Add(Error(staff, "kind", "kind-invalid", string.Join(", ", ContactFlagKinds.All)));
        }

        var reason = Text(staff, "reason", input.Reason, errors);
        var plan = Text(staff, "plan", input.Plan, errors);
        var expires = Expiry(staff, input.ExpiresOn, now, deskZone, errors);
        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var key = input.IdempotencyKey?.Trim();
        var id = "F" + complaint.Id + "-" + now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        return complaint.Change(now).Record(ContactFlagEventTypes.Flagged, staff.Id, new Dictionary<string, string>
        {
            ["flag"] = id,
            ["kind"] = kind!,
            ["reason"] = reason!,
            ["plan"] = plan!,
            ["expires"] = expires!.Value.ToString("o", CultureInfo.InvariantCulture),
            ["key"] = string.IsNullOrEmpty(key) ? id : key,
        });
    }

    /// <summary>A supervisor lifts a flag before it expires, saying why.</summary>
    public static ComplaintChange Lift(Complaint complaint, IReadOnlyList<ContactFlag> held, StaffMember staff, string? flagId, string? reason, string? idempotencyKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(staff);
        EnsureSupervisor(staff);
        var errors = new List<ValidationError>();
        var why = Text(staff, "reason", reason, errors);
        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var flag = held.FirstOrDefault(f => f.Id == flagId)
            ?? throw new DeskRefusal(RefusalKind.Invalid, [Error(staff, "flag", "flag-unknown")]);
        if (!flag.IsActive(now))
        {
            throw new DeskRefusal(RefusalKind.WrongState, [Error(staff, "flag", "flag-not-active")]);
        }

        var key = idempotencyKey?.Trim();
        return complaint.Change(now).Record(ContactFlagEventTypes.Lifted, staff.Id, new Dictionary<string, string>
        {
            ["flag"] = flag.Id,
            ["kind"] = flag.Kind,
            ["reason"] = why!,
            ["setOn"] = flag.ComplaintId,
            ["key"] = string.IsNullOrEmpty(key) ? "lift-" + flag.Id : key,
        });
    }

    /// <summary>Was a submission with this key already recorded on the complaint (a double click, a retry)?</summary>
    public static bool AlreadyRecorded(IEnumerable<ComplaintEvent> history, string? key) =>
        !string.IsNullOrWhiteSpace(key)
        && history.Any(e => e.Type is ContactFlagEventTypes.Flagged or ContactFlagEventTypes.Lifted
            && e.Data.TryGetValue("key", out var k) && k == key.Trim());

    /// <summary>
    /// The flags set on this complaint as its timeline records them, and the lifts recorded on it applied to
    /// <paramref name="held"/> (a lift may be recorded on another complaint of the same contact than the flag).
    /// </summary>
    public static IReadOnlyList<ContactFlag> FromHistory(string complaintId, IReadOnlyList<ComplaintEvent> history, IReadOnlyList<ContactFlag> held)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(held);
        var flags = held.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in history.OrderBy(e => e.Sequence))
        {
            if (e.Type == ContactFlagEventTypes.Flagged && e.Data.TryGetValue("flag", out var id)
                && DateTimeOffset.TryParseExact(e.Data.GetValueOrDefault("expires"), "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
            {
                // An erased complaint's history holds "[erased]" texts: the erasure forgets the flags anyway.
                flags[id] = flags.TryGetValue(id, out var known) && known.LiftedAt is not null ? known : new ContactFlag
                {
                    Id = id,
                    Kind = e.Data.GetValueOrDefault("kind") ?? ContactFlagKinds.Habitual,
                    Reason = e.Data.GetValueOrDefault("reason") ?? string.Empty,
                    Plan = e.Data.GetValueOrDefault("plan") ?? string.Empty,
                    ComplaintId = complaintId,
                    SetBy = e.Actor,
                    SetAt = e.At,
                    ExpiresAt = expires,
                };
                changed.Add(id);
            }
            else if (e.Type == ContactFlagEventTypes.Lifted && e.Data.TryGetValue("flag", out var lifted) && flags.TryGetValue(lifted, out var flag) && flag.LiftedAt is null)
            {
                flags[lifted] = flag with { LiftedAt = e.At, LiftedBy = e.Actor, LiftReason = e.Data.GetValueOrDefault("reason") };
                changed.Add(lifted);
            }
        }

        return [.. changed.Select(id => flags[id])];
    }

    /// <summary>The flags to show now, the most recently set first.</summary>
    public static IReadOnlyList<ContactFlag> Active(IEnumerable<ContactFlag> flags, DateTimeOffset now) =>
        [.. flags.Where(f => f.IsActive(now)).OrderByDescending(f => f.SetAt)];

    private static void EnsureSupervisor(StaffMember staff)
    {
        if (!staff.IsSupervisor)
        {
            throw new DeskRefusal(RefusalKind.Forbidden, [Error(staff, "flag", "supervisors-only")]);
        }
    }

    private static void EnsureIdentifiable(Complaint complaint, StaffMember staff)
    {
        if (complaint.ErasedAt is not null)
        {
            throw new DeskRefusal(RefusalKind.WrongState, [Error(staff, "flag", "erased")]);
        }

        if (string.IsNullOrWhiteSpace(complaint.Contact.Email) && string.IsNullOrWhiteSpace(complaint.Contact.Phone))
        {
            throw new DeskRefusal(RefusalKind.WrongState, [Error(staff, "flag", "no-identity")]);
        }
    }

    private static string? Text(StaffMember staff, string field, string? value, List<ValidationError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(Error(staff, field, field + "-required"));
            return null;
        }

        if (text.Length > MaxTextLength)
        {
            errors.Add(Error(staff, field, "too-long", MaxTextLength));
            return null;
        }

        return text;
    }

    /// <summary>The expiry date (<c>yyyy-MM-dd</c>, the end of that day in the desk's zone): after today, within <see cref="MaxDuration"/>.</summary>
    private static DateTimeOffset? Expiry(StaffMember staff, string? value, DateTimeOffset now, TimeZoneInfo zone, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Error(staff, "expiresOn", "expires-required"));
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(Error(staff, "expiresOn", "expires-format"));
            return null;
        }

        var endOfDay = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var expires = new DateTimeOffset(endOfDay, zone.GetUtcOffset(endOfDay));
        if (expires <= now || expires > now + MaxDuration)
        {
            errors.Add(Error(staff, "expiresOn", "expires-range", (int)MaxDuration.TotalDays));
            return null;
        }

        return expires;
    }

    private static ValidationError Error(StaffMember staff, string field, string key, params object[] args) =>
        new(field, ContactFlagMessages.Format(staff.Language, key, args));
}

/// <summary>What the desk says about contact flags, in the three languages staff may use.</summary>
public static class ContactFlagMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["kind-invalid"] = "Choose the kind of flag: one of {0}.",
            ["reason-required"] = "Say why: what the contact did, with dates.",
            ["plan-required"] = "Write the handling plan agreed for this contact.",
            ["expires-required"] = "Give the date the flag ends.",
            ["expires-format"] = "Write the end date as YYYY-MM-DD.",
            ["expires-range"] = "The end date must be after today and at most {0} days ahead: a flag is reviewed, not kept for ever.",
            ["too-long"] = "Must be at most {0} characters.",
            ["supervisors-only"] = "Only a supervisor can flag a contact or lift a flag.",
            ["erased"] = "This complaint's personal data was erased: there is no contact to flag.",
            ["no-identity"] = "This complaint has no email or phone number: the contact cannot be recognised on other complaints.",
            ["flag-unknown"] = "No flag with that id is held for this contact.",
            ["flag-not-active"] = "This flag has already ended.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["kind-invalid"] = "请选择标记类型，可选：{0}。",
            ["reason-required"] = "请说明原因：客户做了什么，何时。",
            ["plan-required"] = "请填写为该客户商定的处理方案。",
            ["expires-required"] = "请填写标记的截止日期。",
            ["expires-format"] = "截止日期格式为 YYYY-MM-DD。",
            ["expires-range"] = "截止日期须晚于今天，且不超过 {0} 天：标记需定期复核，不能长期保留。",
            ["too-long"] = "不能超过 {0} 个字符。",
            ["supervisors-only"] = "只有主管可以标记客户或解除标记。",
            ["erased"] = "该投诉的个人信息已删除，无法标记客户。",
            ["no-identity"] = "该投诉没有邮箱或电话号码，无法在其他投诉中识别该客户。",
            ["flag-unknown"] = "该客户没有这个标记。",
            ["flag-not-active"] = "该标记已结束。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["kind-invalid"] = "請選擇標記類型，可選：{0}。",
            ["reason-required"] = "請說明原因：客戶做了甚麼，何時。",
            ["plan-required"] = "請填寫為該客戶商定的處理方案。",
            ["expires-required"] = "請填寫標記的截止日期。",
            ["expires-format"] = "截止日期格式為 YYYY-MM-DD。",
            ["expires-range"] = "截止日期須晚於今天，且不超過 {0} 天：標記需定期覆核，不能長期保留。",
            ["too-long"] = "不能超過 {0} 個字元。",
            ["supervisors-only"] = "只有主管可以標記客戶或解除標記。",
            ["erased"] = "該投訴的個人資料已刪除，無法標記客戶。",
            ["no-identity"] = "該投訴沒有電郵或電話號碼，無法在其他投訴中識別該客戶。",
            ["flag-unknown"] = "該客戶沒有這個標記。",
            ["flag-not-active"] = "該標記已結束。",
        },
    };

    public static string Format(string language, string key, params object[] args)
    {
        var table = Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English];
        return string.Format(CultureInfo.InvariantCulture, table[key], args);
    }
}
