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

public sealed record PolicyOverride
{
    public string? Category { get; init; }
    public string? Channel { get; init; }
    public Dictionary<string, DurationSpec> Clocks { get; init; } = [];

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
}

public sealed record RegulatoryProfile
{
    public required string Name { get; init; }
    public string? Calendar { get; init; }

    /// <summary>Where the customer can refer the complaint if unhappy with our answer (in the notices).</summary>
    public string? Referral { get; init; }
    public Dictionary<string, DurationSpec> Clocks { get; init; } = [];

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
}

/// <summary>The deadline policy as data (<c>Deadlines/Data/deadline-policy.json</c>, or a file named in configuration).</summary>
public sealed record DeadlinePolicy
{
    public required string Calendar { get; init; }
    public Dictionary<string, Dictionary<string, DurationSpec>> Internal { get; init; } = [];
    public DurationSpec? Callback { get; init; }
    public List<PolicyOverride> Overrides { get; init; } = [];
    public Dictionary<string, RegulatoryProfile> Profiles { get; init; } = [];
    public List<string> DefaultProfiles { get; init; } = [];
    public Dictionary<string, List<string>> ProfilesByCategory { get; init; } = [];
    public Dictionary<string, List<string>> ProfilesByChannel { get; init; } = [];

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
