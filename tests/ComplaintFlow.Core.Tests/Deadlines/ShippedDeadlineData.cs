using System.Globalization;
using System.Text.Json.Nodes;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>The policy and calendars shipped in Core, and the local-time notation the deadline tests are written in.</summary>
internal static class ShippedDeadlineData
{
    public static readonly string PolicyJson = Embedded("deadline-policy.json");
    public static readonly string CalendarsJson = Embedded("calendars.json");
    public static readonly DeadlineRules Rules = DeadlineRules.Load(new DeadlineOptions());
    public static readonly BusinessCalendar China = Rules.Calendar("cn");
    public static readonly BusinessCalendar England = Rules.Calendar("gb");
    public static readonly BusinessCalendar UnitedStates = Rules.Calendar("us");

    /// <summary>The instant a calendar's wall clock shows <c>"2026-02-13 10:00"</c>.</summary>
    public static DateTimeOffset Local(BusinessCalendar calendar, string local) =>
        calendar.At(DateOnly.Parse(local[..10], CultureInfo.InvariantCulture), TimeOnly.Parse(local[11..], CultureInfo.InvariantCulture));

    /// <summary>How a calendar's wall clock shows an instant: <c>"2026-03-29 11:00 +01:00"</c>.</summary>
    public static string Show(BusinessCalendar calendar, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, calendar.Zone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    /// <summary>The shipped calendars with the shipped policy changed by <paramref name="change"/>.</summary>
    public static DeadlineRules RulesWith(Action<JsonObject> change)
    {
        var policy = JsonNode.Parse(PolicyJson)!.AsObject();
        change(policy);
        return DeadlineRules.Parse(policy.ToJsonString(), CalendarsJson);
    }

    private static string Embedded(string name)
    {
        using var stream = typeof(DeadlineRules).Assembly.GetManifestResourceStream("deadlines/" + name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
