namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// Where a customer is, as far as the complaint tells: the country of their phone number, else the region of their
/// browser's time zone; null when neither says. Used for what depends on the customer's place rather than the
/// deployment's (the currency a compensation is offered in, the emergency numbers a safeguarding notice gives).
/// </summary>
public static class CustomerRegion
{
    private static readonly Dictionary<string, string> RegionByZone = new(StringComparer.Ordinal)
    {
        ["Asia/Shanghai"] = "CN",
        ["Asia/Urumqi"] = "CN",
        ["Asia/Hong_Kong"] = "HK",
        ["Asia/Macau"] = "MO",
        ["Asia/Taipei"] = "TW",
        ["Asia/Singapore"] = "SG",
        ["Europe/London"] = "GB",
        ["Europe/Dublin"] = "IE",
        ["America/New_York"] = "US",
        ["America/Chicago"] = "US",
        ["America/Denver"] = "US",
        ["America/Phoenix"] = "US",
        ["America/Los_Angeles"] = "US",
        ["America/Anchorage"] = "US",
        ["Pacific/Honolulu"] = "US",
    };

    /// <summary>The customer's ISO 3166 region code (upper case), or null.</summary>
    public static string? Of(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return ContactPhone.CountryRegionOf(complaint.Contact.Phone) ?? OfZone(complaint.TimeZone);
    }

    /// <summary>The region of an IANA time zone a browser reported (Europe/London: GB), or null when not one we know.</summary>
    public static string? OfZone(string? zone) => zone is null ? null : RegionByZone.GetValueOrDefault(zone);
}
