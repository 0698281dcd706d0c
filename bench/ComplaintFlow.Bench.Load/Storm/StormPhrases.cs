namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>
/// What customers write about one kind of trouble, by language: subjects, and sentences with <c>{place}</c> (the
/// area's name) and <c>{time}</c> (when it started). Traditional Chinese is written as Hong Kong customers write it.
/// </summary>
internal sealed record StormPhrases(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Subjects,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Sentences)
{
    public const string English = "en";
    public const string Simplified = "zh-Hans";
    public const string Traditional = "zh-Hant";

    public static StormPhrases PowerCut { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] = ["Power cut", "No electricity at home", "Blackout on our street"],
            [Simplified] = ["停电", "家里没电了", "整条街停电"],
            [Traditional] = ["停電", "屋企冇電", "成條街停電"],
        },
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] =
            [
                "No power at home in {place} since {time}.",
                "Power cut in {place}: the whole building is dark and the lift has stopped.",
                "{place}: blackout on our street for over an hour, the fridge is defrosting.",
            ],
            [Simplified] =
            [
                "{place}停电了，从{time}到现在还没来电。",
                "我家在{place}，整栋楼断电，电梯也停了。",
                "{place}大面积停电，冰箱里的东西都要坏了。",
            ],
            [Traditional] =
            [
                "{place}停電了，由{time}到而家都未有電。",
                "我住喺{place}，成棟樓冇電，電梯都停咗。",
                "{place}大範圍停電，雪櫃啲嘢都快壞晒。",
            ],
        });

    public static StormPhrases MobileNetwork { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] = ["No mobile signal", "Mobile network down", "Cannot make calls"],
            [Simplified] = ["手机没信号", "移动网络瘫痪", "打不了电话"],
            [Traditional] = ["手機冇信號", "流動網絡癱瘓", "打不了電話"],
        },
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] =
            [
                "No mobile signal at all in {place} since {time}, I cannot make calls.",
                "Mobile network down in {place}: no data and no calls, an outage?",
                "My phone shows no service anywhere in {place} since {time}.",
            ],
            [Simplified] =
            [
                "{place}手机完全没有信号，从{time}开始打不了电话。",
                "{place}移动网络瘫痪了，上不了网也打不了电话。",
                "在{place}手机一直显示无服务，是不是基站出故障了？",
            ],
            [Traditional] =
            [
                "{place}手機完全冇信號，由{time}開始打不了電話。",
                "{place}流動網絡癱瘓，上不了網也打不了電話。",
                "喺{place}手機一直顯示無服務，係咪基站出咗故障？",
            ],
        });

    public static StormPhrases Broadband { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] = ["Broadband outage", "No internet and no dial tone", "Whole street disconnected"],
            [Simplified] = ["宽带断网", "没网也没有拨号音", "整条街断网"],
            [Traditional] = ["寬頻斷網", "冇網又冇撥號音", "成條街斷網"],
        },
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] =
            [
                "Broadband and landline both dead in {place} since {time}, no dial tone.",
                "Internet outage in {place}: the router has had no connection since {time}.",
                "Our whole street in {place} was disconnected this morning.",
            ],
            [Simplified] =
            [
                "{place}宽带断网，固定电话也没有拨号音，从{time}开始。",
                "我在{place}，家里断网了，路由器一直连不上。",
                "{place}整条街都断网了。",
            ],
            [Traditional] =
            [
                "{place}寬頻斷網，固網電話都冇撥號音，由{time}開始。",
                "我喺{place}，屋企斷網，路由器一直連唔到。",
                "{place}成條街都斷網。",
            ],
        });

    /// <summary>A bill, not an outage: in a storm's area it must not be linked to the storm.</summary>
    public static StormPhrases Bill { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] = ["Charged twice", "Bill doubled"],
            [Simplified] = ["重复扣费", "账单翻倍"],
            [Traditional] = ["重複扣費", "賬單貴咗一倍"],
        },
        new Dictionary<string, IReadOnlyList<string>>
        {
            [English] =
            [
                "I live in {place} and my bill this month is double the usual.",
                "I was charged twice by direct debit this month; my address is in {place}.",
            ],
            [Simplified] =
            [
                "我住在{place}，这个月账单比平时多了一倍。",
                "我在{place}，这个月话费被重复扣了两次。",
            ],
            [Traditional] =
            [
                "我住喺{place}，今個月賬單貴咗一倍。",
                "我喺{place}，今個月話費被重複扣咗兩次。",
            ],
        });

    /// <summary>What it costs them and what they want, whatever the trouble.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Closings { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [English] =
        [
            "I work from home and cannot work.", "My elderly mother lives alone and I cannot reach her.",
            "When will it be fixed?", "Please tell me what is being done.", "This is unacceptable, I want compensation.",
        ],
        [Simplified] = ["我在家办公，现在完全没法工作。", "家里老人一个人住，联系不上。", "什么时候能修好？", "请告诉我你们在做什么。", "太过分了，我要求赔偿。"],
        [Traditional] = ["我喺屋企返工，而家完全做唔到嘢。", "屋企老人家一個人住，聯絡唔到。", "幾時先修好？", "請話俾我知你哋做緊乜。", "太過分了，我要求賠償。"],
    };
}
