using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify;

/// <summary>What to tell a customer whose complaint set off a safeguarding rule: who to call now, and who to talk to.</summary>
/// <param name="Region">The region the numbers are for; null for the general wording.</param>
/// <param name="Text">The full sentence, for the acknowledgement email and the confirmation page.</param>
/// <param name="Short">The same numbers in a few words, for a text message.</param>
public sealed record EmergencyContact(string? Region, string Text, string Short);

/// <summary>
/// The emergency and crisis-line numbers for where the customer is (<see cref="CustomerRegion"/>), in their
/// language. Where the region is unknown, the language stands in for it (Simplified Chinese: mainland China,
/// Traditional: Hong Kong) and English gets the general wording naming each market's number. The numbers and their
/// sources are listed in docs/triage.md ("Safeguarding").
/// </summary>
public static class EmergencyContacts
{
    private static readonly Dictionary<string, Dictionary<string, (string Text, string Short)>> ByRegion = new(StringComparer.OrdinalIgnoreCase)
    {
        // 110 police, 120 medical emergency (Ministry of Public Security, National Health Commission); 12356, the
        // national psychological assistance hotline (National Health Commission, in service from 1 January 2025).
        ["CN"] = new()
        {
            [SupportedLanguages.English] = ("If anyone is in danger now, call 110 (police) or 120 (ambulance). To talk to someone at any time, call the psychological support hotline 12356.", "In danger? Call 110 or 120. Support line: 12356."),
            [SupportedLanguages.SimplifiedChinese] = ("如果有人正处于危险中，请立即拨打110（报警）或120（急救）。需要倾诉时，可随时拨打心理援助热线12356。", "如有危险请拨110或120；心理援助热线12356。"),
            [SupportedLanguages.TraditionalChinese] = ("如果有人正處於危險中，請立即撥打110（報警）或120（急救）。需要傾訴時，可隨時撥打心理援助熱線12356。", "如有危險請撥110或120；心理援助熱線12356。"),
        },
        // 999 (Hong Kong Police Force); The Samaritan Befrienders Hong Kong, 24-hour hotline 2389 2222.
        ["HK"] = new()
        {
            [SupportedLanguages.English] = ("If anyone is in danger now, call 999. To talk to someone at any time, call The Samaritan Befrienders Hong Kong on 2389 2222.", "In danger? Call 999. Samaritan Befrienders: 2389 2222."),
            [SupportedLanguages.SimplifiedChinese] = ("如果有人正处于危险中，请立即致电999。需要倾诉时，可随时致电香港撒玛利亚防止自杀会 2389 2222。", "如有危险请致电999；撒玛利亚防止自杀会 2389 2222。"),
            [SupportedLanguages.TraditionalChinese] = ("如果有人正處於危險中，請立即致電999。需要傾訴時，可隨時致電香港撒瑪利亞防止自殺會 2389 2222。", "如有危險請致電999；撒瑪利亞防止自殺會 2389 2222。"),
        },
        // 110 police, 119 fire and ambulance; 1925, the Ministry of Health and Welfare's 24-hour support line.
        ["TW"] = new()
        {
            [SupportedLanguages.English] = ("If anyone is in danger now, call 110 (police) or 119 (ambulance). To talk to someone at any time, call the support line 1925.", "In danger? Call 110 or 119. Support line: 1925."),
            [SupportedLanguages.SimplifiedChinese] = ("如果有人正处于危险中，请立即拨打110（报警）或119（救护）。需要倾诉时，可随时拨打安心专线1925。", "如有危险请拨110或119；安心专线1925。"),
            [SupportedLanguages.TraditionalChinese] = ("如果有人正處於危險中，請立即撥打110（報警）或119（救護）。需要傾訴時，可隨時撥打安心專線1925。", "如有危險請撥110或119；安心專線1925。"),
        },
        // 999 (or 112); Samaritans, free at any time on 116 123.
        ["GB"] = new()
        {
            [SupportedLanguages.English] = ("If anyone is in danger now, call 999. To talk to someone at any time, call Samaritans free on 116 123.", "In danger? Call 999. Samaritans: 116 123."),
            [SupportedLanguages.SimplifiedChinese] = ("如果有人正处于危险中，请立即拨打999。需要倾诉时，可随时免费致电撒玛利亚会（Samaritans）116 123。", "如有危险请拨999；Samaritans 116 123。"),
            [SupportedLanguages.TraditionalChinese] = ("如果有人正處於危險中，請立即撥打999。需要傾訴時，可隨時免費致電撒瑪利亞會（Samaritans）116 123。", "如有危險請撥999；Samaritans 116 123。"),
        },
        // 911; 988, the Suicide & Crisis Lifeline (call or text).
        ["US"] = new()
        {
            [SupportedLanguages.English] = ("If anyone is in danger now, call 911. To talk to someone at any time, call or text 988 (Suicide & Crisis Lifeline).", "In danger? Call 911. Crisis line: call or text 988."),
            [SupportedLanguages.SimplifiedChinese] = ("如果有人正处于危险中，请立即拨打911。需要倾诉时，可随时拨打或发短信至988（自杀与危机生命线）。", "如有危险请拨911；危机热线988。"),
            [SupportedLanguages.TraditionalChinese] = ("如果有人正處於危險中，請立即撥打911。需要傾訴時，可隨時撥打或傳短訊至988（自殺與危機生命線）。", "如有危險請撥911；危機熱線988。"),
        },
    };

    private static readonly Dictionary<string, (string Text, string Short)> General = new()
    {
        [SupportedLanguages.English] = ("If anyone is in danger now, call your local emergency number: 999 in the UK and Hong Kong, 911 in the US, 110 or 120 in mainland China.", "In danger? Call 999 (UK, HK), 911 (US) or 110/120 (China)."),
    };

    /// <summary>The numbers for the customer of <paramref name="complaint"/>, in the complaint's language.</summary>
    public static EmergencyContact For(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return For(CustomerRegion.Of(complaint), complaint.Language);
    }

    /// <summary>The numbers for <paramref name="region"/> (ISO 3166, any case; null when unknown) in <paramref name="language"/>.</summary>
    public static EmergencyContact For(string? region, string? language)
    {
        var lang = SupportedLanguages.Normalise(language) ?? SupportedLanguages.English;
        region = region is not null && ByRegion.ContainsKey(region) ? region.ToUpperInvariant()
            : lang == SupportedLanguages.SimplifiedChinese ? "CN"
            : lang == SupportedLanguages.TraditionalChinese ? "HK"
            : null;
        var (text, shortText) = region is null ? General[SupportedLanguages.English] : ByRegion[region][lang];
        return new EmergencyContact(region, text, shortText);
    }
}
