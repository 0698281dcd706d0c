namespace ComplaintFlow.Core.Complaints;

/// <summary>The languages we answer in, and how we read what customers and browsers send.</summary>
public static class SupportedLanguages
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";
    public const string TraditionalChinese = "zh-Hant";

    public static IReadOnlyList<string> All { get; } = [English, SimplifiedChinese, TraditionalChinese];

    /// <summary>Maps a BCP-47 tag as browsers and providers write it onto one of ours; null if we do not support it.</summary>
    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var t = tag.Trim().Replace('_', '-').ToLowerInvariant();
        return t switch
        {
            "en" => English,
            _ when t.StartsWith("en-", StringComparison.Ordinal) => English,
            "zh" or "zh-hans" or "zh-cn" or "zh-sg" or "zh-chs" or "zh-hans-cn" => SimplifiedChinese,
            "zh-hant" or "zh-tw" or "zh-hk" or "zh-mo" or "zh-cht" or "zh-hant-tw" or "zh-hant-hk" => TraditionalChinese,
            _ => null,
        };
    }

    /// <summary>
    /// Guesses the language of a text: Chinese when it has Han characters, traditional when characters that exist
    /// only in the traditional script outnumber those only in the simplified one.
    /// </summary>
    public static string Detect(string text)
    {
        int han = 0, traditional = 0, simplified = 0;
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                han++;
                if (TraditionalOnly.Contains(c))
                {
                    traditional++;
                }
                else if (SimplifiedOnly.Contains(c))
                {
                    simplified++;
                }
            }
        }

        if (han == 0)
        {
            return English;
        }

        return traditional > simplified ? TraditionalChinese : SimplifiedChinese;
    }

    // Frequent characters whose forms differ between the scripts; enough to tell a complaint's script apart.
    private static readonly HashSet<char> TraditionalOnly = OnlyIn(TraditionalForms, SimplifiedForms);
    private static readonly HashSet<char> SimplifiedOnly = OnlyIn(SimplifiedForms, TraditionalForms);

    private static HashSet<char> OnlyIn(string these, string notThose) => [.. these.Where(c => !notThose.Contains(c))];

    private const string TraditionalForms =
        "們個為這來對說時會後過還麼裡開關點電話費號碼務應該經現從與給當員們網絡訊號線錢價質量單戶帳聯繫處理問題投訴寫發買賣貨運車門導請謝讓認為實際動態產東間樣氣國們機構銷費續斷壞標準條預約證據頭應頁幫訂閱傳別簡復";
    private const string SimplifiedForms =
        "们个为这来对说时会后过还么里开关点电话费号码务应该经现从与给当员网络讯号线钱价质量单户账联系处理问题投诉写发买卖货运车门导请谢让认为实际动态产东间样气国机构销续断坏标准条预约证据头页帮订阅传别简复";
}
