using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Deadlines;

public static class DurationUnits
{
    public const string Hours = "hours";
    public const string CalendarDays = "calendarDays";
    public const string Weeks = "weeks";
    public const string BusinessDays = "businessDays";
    public const string BusinessHours = "businessHours";
    public const string EndOfBusinessDay = "endOfBusinessDay";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { Hours, CalendarDays, Weeks, BusinessDays, BusinessHours, EndOfBusinessDay };

    /// <summary>Units measured in working time: a pause extends them by the working time it lasted.</summary>
    public static bool IsBusiness(string unit) => unit is BusinessDays or BusinessHours or EndOfBusinessDay;
}

/// <summary>A window such as "3 business days" or "8 weeks".</summary>
public sealed record DurationSpec
{
    public required int Amount { get; init; }
    public required string Unit { get; init; }

    /// <summary>What meets it: <c>acknowledgement</c>, <c>first-contact</c> (a staff member acts on it) or <c>resolution</c>.</summary>
    public string MetBy { get; init; } = MilestoneNames.Resolution;

    /// <summary>For statutory clocks: how long before the deadline a holding notice must go out if it cannot be met.</summary>
    public DurationSpec? HoldingNoticeBefore { get; init; }

    /// <summary>For statutory clocks: how far a holding notice moves the deadline (FCA payment services: 15 → 35 business days).</summary>
    public DurationSpec? Extension { get; init; }

    /// <summary>For a profile's clocks: the progress notice (进展反馈) owed before the deadline when the customer has not heard from us.</summary>
    public ProgressNoticeSpec? ProgressNotice { get; init; }

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }

    public DateTimeOffset From(DateTimeOffset start, BusinessCalendar calendar) => Unit switch
    {
        DurationUnits.Hours => start.AddHours(Amount),
        DurationUnits.CalendarDays => calendar.AddCalendarDays(start, Amount),
        DurationUnits.Weeks => calendar.AddCalendarDays(start, Amount * 7),
        DurationUnits.BusinessDays => calendar.AddBusinessDays(start, Amount),
        DurationUnits.BusinessHours => calendar.AddBusinessTime(start, TimeSpan.FromHours(Amount)),
        DurationUnits.EndOfBusinessDay => calendar.EndOfBusinessDay(start, Amount),
        _ => throw new InvalidOperationException($"Unknown unit {Unit}."),
    };

    /// <summary>The instant this long before <paramref name="due"/> (used for holding-notice lead times).</summary>
    public DateTimeOffset Before(DateTimeOffset due, BusinessCalendar calendar) => Unit switch
    {
        DurationUnits.CalendarDays => calendar.AddCalendarDays(due, -Amount),
        DurationUnits.Weeks => calendar.AddCalendarDays(due, -Amount * 7),
        DurationUnits.BusinessDays or DurationUnits.EndOfBusinessDay => calendar.SubtractBusinessDays(due, Amount),
        _ => due.AddHours(-Amount),
    };
}

/// <summary>
/// Internal targets replacing the priority's own where every condition given holds: a category, a channel, some
/// priorities (so an outage's tighter first response never loosens a P1's hour), a regulatory profile that applies.
/// </summary>
public sealed record PolicyOverride
{
    public string? Category { get; init; }
    public string? Channel { get; init; }

    /// <summary>The priorities it applies to (<c>P1</c>..<c>P4</c>); null for all.</summary>
    public List<string>? Priorities { get; init; }

    /// <summary>Applies only when this regulatory profile applies to the complaint (per-profile targets).</summary>
    public string? Profile { get; init; }
    public Dictionary<string, DurationSpec> Clocks { get; init; } = [];

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
}

public sealed record RegulatoryProfile
{
    public required string Name { get; init; }
    public string? Calendar { get; init; }

    /// <summary>
    /// Where the customer can refer the complaint if unhappy with our answer, in every customer language
    /// (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>): every letter quotes it in the customer's.
    /// </summary>
    public Dictionary<string, string>? Referral { get; init; }

    /// <summary>The rule text the clocks come from (shown in the docs' table; checked by the golden tests).</summary>
    public string? Source { get; init; }
    public Dictionary<string, DurationSpec> Clocks { get; init; } = [];

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
}

/// <summary>
/// Chooses regulatory profiles by what the complaint is about and where it came in. Every condition given must hold:
/// the market setting (<c>ComplaintFlow:Deadlines:Market</c>), the channel address (a complaints mailbox or SMS number
/// per business line), the channel, the primary category. Rules are read in order; each that holds adds its
/// profiles, and one with <c>stop</c> ends the reading (the business line is known: its sector's rules decide).
/// </summary>
public sealed record ProfileRule
{
    public List<string>? Markets { get; init; }
    public List<string>? Addresses { get; init; }
    public List<string>? Channels { get; init; }
    public List<string>? Categories { get; init; }
    public List<string> Profiles { get; init; } = [];
    public bool Stop { get; init; }

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }

    public bool Holds(string market, Complaint complaint, string category) =>
        (Markets is null || Markets.Contains(market, StringComparer.OrdinalIgnoreCase))
        && (Addresses is null || (complaint.ChannelAddress is { } address && Addresses.Contains(address.Trim(), StringComparer.OrdinalIgnoreCase)))
        && (Channels is null || Channels.Contains(complaint.Channel.ToString(), StringComparer.Ordinal))
        && (Categories is null || Categories.Contains(category, StringComparer.Ordinal));
}

/// <summary>The deadline policy as data (<c>Deadlines/Data/deadline-policy.json</c>, or a file named in configuration).</summary>
public sealed record DeadlinePolicy
{
    public required string Calendar { get; init; }
    public Dictionary<string, Dictionary<string, DurationSpec>> Internal { get; init; } = [];
    public DurationSpec? Callback { get; init; }

    /// <summary>The follow-up (回访) owed after every resolution: its deadline and how many tries before "unreachable".</summary>
    public FollowUpPolicy? FollowUp { get; init; }
    public List<PolicyOverride> Overrides { get; init; } = [];
    public Dictionary<string, RegulatoryProfile> Profiles { get; init; } = [];
    public List<string> DefaultProfiles { get; init; } = [];
    public Dictionary<string, List<string>> ProfilesByCategory { get; init; } = [];
    public Dictionary<string, List<string>> ProfilesByChannel { get; init; } = [];

    /// <summary>Profiles by market, channel address, channel and category, read in order (<see cref="ProfileRule"/>).</summary>
    public List<ProfileRule> ProfileRules { get; init; } = [];

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
