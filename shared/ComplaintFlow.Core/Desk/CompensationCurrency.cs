using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The currency a compensation is offered in unless the agent picks another: the complaint's market. A customer in
/// Hong Kong, Macau or Taiwan (by phone number or browser zone) is paid in their currency; otherwise the market of the
/// regulatory profile the complaint falls under (a UK profile: GBP, a US one: USD, a mainland one: CNY); otherwise the
/// customer's region; otherwise the deployment's market (<see cref="DeadlineOptions.Market"/>).
/// </summary>
public static class CompensationCurrency
{
    private static readonly Dictionary<string, string> ByRegion = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = "CNY",
        ["HK"] = "HKD",
        ["MO"] = "MOP",
        ["TW"] = "TWD",
        ["SG"] = "SGD",
        ["GB"] = "GBP",
        ["US"] = "USD",
        ["IE"] = "EUR",
        ["FR"] = "EUR",
        ["DE"] = "EUR",
        ["JP"] = "JPY",
        ["KR"] = "KRW",
    };

    /// <summary>Business calendars name the market a profile's clocks are counted in.</summary>
    private static readonly Dictionary<string, string> ByCalendar = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cn"] = "CNY",
        ["hk"] = "HKD",
        ["gb"] = "GBP",
        ["us"] = "USD",
    };

    private static readonly HashSet<string> OwnCurrencyRegions = new(StringComparer.OrdinalIgnoreCase) { "HK", "MO", "TW" };

    public static string For(Complaint complaint, DeadlineRules rules)
    {
        var region = CustomerRegion.Of(complaint);
        if (region is not null && OwnCurrencyRegions.Contains(region))
        {
            return ByRegion[region];
        }

        foreach (var deadline in complaint.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock))
        {
            if (rules.Policy.Profiles.TryGetValue(deadline.Clock, out var profile)
                && profile.Calendar is { } calendar && ByCalendar.TryGetValue(calendar, out var currency))
            {
                return currency;
            }
        }

        return region is not null && ByRegion.TryGetValue(region, out var regional) ? regional
            : ByRegion.GetValueOrDefault(rules.Market) ?? "CNY";
    }
}
