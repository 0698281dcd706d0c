using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

/// <summary>What the portal says when it refuses an action, in the three languages staff may use.</summary>
public static class DeskMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["required"] = "This field is required.",
            ["too-long"] = "Must be at most {0} characters.",
            ["root-cause"] = "Choose one of: {0}.",
            ["amount"] = "Enter an amount greater than zero with at most two decimals.",
            ["currency"] = "Enter a three-letter ISO 4217 currency code, like CNY, HKD or GBP.",
            ["score"] = "Choose a score from 1 to 5.",
            ["channel"] = "Choose phone or in-person.",
            ["closed"] = "The complaint is resolved; reopen it first.",
            ["not-resolved"] = "Only a resolved complaint can be reopened.",
            ["not-waiting"] = "The complaint is not waiting on the customer.",
            ["already-waiting"] = "The complaint is already waiting on the customer.",
            ["not-triaged"] = "The complaint is still being scored; try again in a moment.",
            ["priority-invalid"] = "Choose a priority: P1, P2, P3 or P4.",
            ["priority-same"] = "The complaint already has this priority.",
            ["owned"] = "This complaint is owned by {0}; only a supervisor can reassign it.",
            ["assign-others"] = "Only a supervisor can assign a complaint to someone else.",
            ["unknown-staff"] = "Nobody called '{0}' works on the desk: choose someone from the list.",
            ["unknown-team"] = "The desk has no team called '{0}': choose a team from the list.",
            ["not-in-team"] = "{0} is not a member of {1}: choose one of the team's members, or hand it to the team.",
            ["survey-token"] = "This survey link is not valid.",
            ["survey-answered"] = "This survey was already answered. Thank you.",
            ["contact-method"] = "Choose phone call or visit.",
            ["contact-outcome"] = "Choose what came of it: spoke with the customer, no answer, or left a message.",
            ["interim-channel"] = "Choose email or text message.",
            ["no-email"] = "We have no email address for this customer.",
            ["no-phone"] = "We have no phone number for this customer.",
            ["erased"] = "This complaint's personal data was erased: the customer cannot be contacted from it.",
            ["user-name"] = "Enter a user name.",
            ["roles"] = "Choose agent, supervisor or both.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["required"] = "此项为必填。",
            ["too-long"] = "不能超过 {0} 个字符。",
            ["root-cause"] = "请选择其中之一：{0}。",
            ["amount"] = "请输入大于零、最多两位小数的金额。",
            ["currency"] = "请输入三个字母的 ISO 4217 货币代码，例如 CNY、HKD 或 GBP。",
            ["score"] = "请选择 1 到 5 分。",
            ["channel"] = "请选择电话或现场。",
            ["closed"] = "该投诉已解决，请先重新打开。",
            ["not-resolved"] = "只有已解决的投诉才能重新打开。",
            ["not-waiting"] = "该投诉并未在等待客户回复。",
            ["priority-invalid"] = "请选择优先级：P1、P2、P3 或 P4。",
            ["priority-same"] = "该投诉已是此优先级。",
            ["already-waiting"] = "该投诉已在等待客户回复。",
            ["not-triaged"] = "该投诉仍在评分中，请稍后再试。",
            ["owned"] = "该投诉由 {0} 负责；只有主管可以改派。",
            ["assign-others"] = "只有主管可以把投诉分派给他人。",
            ["unknown-staff"] = "处理台没有名为“{0}”的员工，请从列表中选择。",
            ["unknown-team"] = "处理台没有名为“{0}”的小组，请从列表中选择。",
            ["not-in-team"] = "{0} 不是 {1} 的成员：请选择该小组的成员，或直接交给该小组。",
            ["survey-token"] = "该问卷链接无效。",
            ["survey-answered"] = "该问卷已提交，谢谢。",
            ["contact-method"] = "请选择电话或上门。",
            ["contact-outcome"] = "请选择结果：已与客户通话、无人接听或已留言。",
            ["interim-channel"] = "请选择电子邮件或短信。",
            ["no-email"] = "我们没有该客户的电子邮箱。",
            ["no-phone"] = "我们没有该客户的电话号码。",
            ["erased"] = "该投诉的个人信息已删除，无法再通过它联系客户。",
            ["user-name"] = "请输入用户名。",
            ["roles"] = "请选择坐席、主管或两者。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["required"] = "此項為必填。",
            ["too-long"] = "不能超過 {0} 個字元。",
            ["root-cause"] = "請選擇其中之一：{0}。",
            ["amount"] = "請輸入大於零、最多兩位小數的金額。",
            ["currency"] = "請輸入三個字母的 ISO 4217 貨幣代碼，例如 CNY、HKD 或 GBP。",
            ["score"] = "請選擇 1 到 5 分。",
            ["channel"] = "請選擇電話或現場。",
            ["closed"] = "該投訴已解決，請先重新開啟。",
            ["not-resolved"] = "只有已解決的投訴才能重新開啟。",
            ["not-waiting"] = "該投訴並未在等待客戶回覆。",
            ["priority-invalid"] = "請選擇優先級：P1、P2、P3 或 P4。",
            ["priority-same"] = "該投訴已是此優先級。",
            ["already-waiting"] = "該投訴已在等待客戶回覆。",
            ["not-triaged"] = "該投訴仍在評分中，請稍後再試。",
            ["owned"] = "該投訴由 {0} 負責；只有主管可以改派。",
            ["assign-others"] = "只有主管可以把投訴分派給他人。",
            ["unknown-staff"] = "處理台沒有名為「{0}」的員工，請從清單中選擇。",
            ["unknown-team"] = "處理台沒有名為「{0}」的小組，請從清單中選擇。",
            ["not-in-team"] = "{0} 不是 {1} 的成員：請選擇該小組的成員，或直接交給該小組。",
            ["survey-token"] = "該問卷連結無效。",
            ["survey-answered"] = "該問卷已提交，謝謝。",
            ["contact-method"] = "請選擇電話或上門。",
            ["contact-outcome"] = "請選擇結果：已與客戶通話、無人接聽或已留言。",
            ["interim-channel"] = "請選擇電子郵件或短訊。",
            ["no-email"] = "我們沒有該客戶的電子郵箱。",
            ["no-phone"] = "我們沒有該客戶的電話號碼。",
            ["erased"] = "該投訴的個人資料已刪除，無法再透過它聯絡客戶。",
            ["user-name"] = "請輸入使用者名稱。",
            ["roles"] = "請選擇坐席、主管或兩者。",
        },
    };

    public static string Format(string language, string key, params object[] args)
    {
        var table = Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English];
        return string.Format(CultureInfo.InvariantCulture, table[key], args);
    }
}
