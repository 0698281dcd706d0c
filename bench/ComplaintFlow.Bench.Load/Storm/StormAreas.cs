namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>
/// An area customers name in a complaint: its key (as the incidents API takes it), its name in English, simplified
/// and traditional Chinese, and how phone numbers there look (a landline prefix where the area has one, else the
/// region's mobile prefix), so a complaint's phone number can point at the area as well as its text.
/// </summary>
internal sealed record StormArea(
    string Key,
    string English,
    string Simplified,
    string Traditional,
    string LandlinePrefix,
    int LandlineDigits,
    string MobilePrefix,
    int MobileDigits);

/// <summary>
/// The one list of areas the storm generator knows, and the three incidents a storm is about. When incidents land,
/// align these keys with the incidents policy data (area keys and their place names): this is the only place they
/// are written.
/// </summary>
internal static class StormAreas
{
    public static StormArea KowloonTong { get; } = new("kowloon-tong", "Kowloon Tong", "九龙塘", "九龍塘", "+8522", 7, "+8529", 7);
    public static StormArea Nanshan { get; } = new("nanshan", "Nanshan, Shenzhen", "深圳南山", "深圳南山", "+86755", 8, "+86136", 8);
    public static StormArea Camden { get; } = new("camden", "Camden, London", "伦敦卡姆登", "倫敦卡姆登", "+44207", 7, "+447700", 6);

    /// <summary>Areas with complaints but no incident: an outage or a bill there must not be linked to a storm.</summary>
    public static IReadOnlyList<StormArea> Elsewhere { get; } =
    [
        new("sha-tin", "Sha Tin", "沙田", "沙田", "+8522", 7, "+8526", 7),
        new("futian", "Futian, Shenzhen", "深圳福田", "深圳福田", "+86755", 8, "+86138", 8),
        new("tianhe", "Tianhe, Guangzhou", "广州天河", "廣州天河", "+8620", 8, "+86137", 8),
        new("islington", "Islington, London", "伦敦伊斯灵顿", "倫敦伊斯靈頓", "+44207", 7, "+447700", 6),
    ];

    /// <summary>The storm: three incidents, each an (area, category) with what customers say about it.</summary>
    public static IReadOnlyList<StormIncident> Incidents { get; } =
    [
        new(KowloonTong, "outage", StormPhrases.PowerCut,
            "Power cut in Kowloon Tong: a substation tripped; crews are restoring supply street by street.",
            "九龙塘停电：变电站跳闸，抢修人员正在逐条街道恢复供电。",
            "九龍塘停電：變電站跳閘，搶修人員正在逐條街道恢復供電。"),
        new(Nanshan, "outage", StormPhrases.MobileNetwork,
            "Mobile network outage in Nanshan, Shenzhen: a transmission fault took several cell sites off air.",
            "深圳南山移动网络中断：传输故障导致多个基站退服，正在抢修。",
            "深圳南山流動網絡中斷：傳輸故障導致多個基站退服，正在搶修。"),
        new(Camden, "outage", StormPhrases.Broadband,
            "Broadband and landline outage in Camden, London: a cut cable is being repaired.",
            "伦敦卡姆登宽带和固话中断：被挖断的光缆正在修复。",
            "倫敦卡姆登寬頻和固話中斷：被挖斷的光纜正在修復。"),
    ];
}

/// <summary>One incident of the storm: where, what category (a triage category id), what customers write, its public text.</summary>
internal sealed record StormIncident(StormArea Area, string Category, StormPhrases Phrases, string English, string Simplified, string Traditional)
{
    /// <summary>The generator's truth for a complaint: which incident it is about.</summary>
    public string Key => $"{Area.Key}/{Category}";
}
