using System.Globalization;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// How an instant is written to a customer, in emails, texts and on the status page alike: in the customer's time
/// zone, with the zone named, in a form no reader can take the wrong way round ("7 Dec 2026, 09:18 GMT",
/// "2026年12月7日 17:18（北京时间）"). "12/6/2026" is read as 12 June in the UK and 6 December in the US; a month
/// name or the Chinese 年月日 cannot be misread.
/// </summary>
public static class CustomerTime
{
    /// <summary>Zone names customers recognise; other zones are named by their UTC offset and IANA id.</summary>
    private sealed record ZoneNames(string StandardEn, string DaylightEn, string Hans, string Hant);

    private static readonly Dictionary<string, ZoneNames> Names = new(StringComparer.Ordinal)
    {
        ["Asia/Shanghai"] = new("China Standard Time", "China Standard Time", "北京时间", "北京時間"),
        ["Asia/Hong_Kong"] = new("Hong Kong Time", "Hong Kong Time", "香港时间", "香港時間"),
        ["Asia/Macau"] = new("Macau Time", "Macau Time", "澳门时间", "澳門時間"),
        ["Asia/Taipei"] = new("Taipei Time", "Taipei Time", "台北时间", "台北時間"),
        ["Asia/Singapore"] = new("Singapore Time", "Singapore Time", "新加坡时间", "新加坡時間"),
        ["Europe/London"] = new("GMT", "BST", "英国时间", "英國時間"),
        ["America/New_York"] = new("EST", "EDT", "美国东部时间", "美國東部時間"),
        ["America/Chicago"] = new("CST", "CDT", "美国中部时间", "美國中部時間"),
        ["America/Denver"] = new("MST", "MDT", "美国山地时间", "美國山地時間"),
        ["America/Los_Angeles"] = new("PST", "PDT", "美国太平洋时间", "美國太平洋時間"),
        ["Etc/UTC"] = new("UTC", "UTC", "协调世界时", "協調世界時"),
        ["UTC"] = new("UTC", "UTC", "协调世界时", "協調世界時"),
    };

    /// <summary>The zone a phone number's region lives in, where the region has one zone (or one most people use).</summary>
    private static readonly Dictionary<string, string> ZoneByRegion = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = "Asia/Shanghai",
        ["HK"] = "Asia/Hong_Kong",
        ["MO"] = "Asia/Macau",
        ["TW"] = "Asia/Taipei",
        ["SG"] = "Asia/Singapore",
        ["GB"] = "Europe/London",
        ["IE"] = "Europe/Dublin",
        ["FR"] = "Europe/Paris",
        ["DE"] = "Europe/Berlin",
        ["JP"] = "Asia/Tokyo",
        ["KR"] = "Asia/Seoul",
    };

    /// <summary>True when .NET (tzdata on Linux) knows <paramref name="zone"/> as an IANA id.</summary>
    public static bool IsKnownZone(string? zone) =>
        !string.IsNullOrWhiteSpace(zone)
        && zone.Length <= 64
        && (zone.Contains('/', StringComparison.Ordinal) || zone == "UTC")
        && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found)
        && found.HasIanaId;

    /// <summary>
    /// The customer's zone at intake: the zone their browser reported on the web form, else the zone of their phone
    /// number's region (a region spanning several zones, such as the US, gives none), else null for the configured default.
    /// </summary>
    public static string? ZoneFor(string? browserZone, string? e164Phone) =>
        IsKnownZone(browserZone) ? browserZone
        : ContactPhone.CountryRegionOf(e164Phone) is { } region && ZoneByRegion.TryGetValue(region, out var zone) ? zone
        : null;

    /// <summary>The complaint's zone, or <paramref name="defaultZone"/> when intake could not tell.</summary>
    public static TimeZoneInfo ZoneOf(Complaint complaint, string defaultZone) =>
        TimeZoneInfo.FindSystemTimeZoneById(IsKnownZone(complaint.TimeZone) ? complaint.TimeZone! : defaultZone);

    public static string Format(DateTimeOffset at, string language, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var daylight = zone.IsDaylightSavingTime(local);
        var names = Names.GetValueOrDefault(zone.Id);
        var offset = local.Offset;
        var utc = "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return SupportedLanguages.Normalise(language) switch
        {
            SupportedLanguages.SimplifiedChinese => local.ToString("yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture) + $"（{names?.Hans ?? utc + " " + zone.Id}）",
            SupportedLanguages.TraditionalChinese => local.ToString("yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture) + $"（{names?.Hant ?? utc + " " + zone.Id}）",
            _ => local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + (names is null ? $"{utc} ({zone.Id})" : daylight ? names.DaylightEn : names.StandardEn),
        };
    }
}
