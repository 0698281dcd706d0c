using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>Validation messages in the three languages we serve.</summary>
public static class ValidationMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["too-long"] = "Must be at most {0} characters.",
            ["email-invalid"] = "Enter a valid email address, like name@example.com.",
            ["phone-invalid"] = "Enter a valid phone number, with the country code if it is not a local number.",
            ["contact-required"] = "Give an email address or a phone number so we can reply to you.",
            ["text-required"] = "Tell us what went wrong.",
            ["text-control"] = "The text contains characters that cannot be shown.",
            ["language-unsupported"] = "Choose one of the supported languages: {0}.",
            ["rate-limited"] = "We have received several complaints from you in a short time. Please try again in {0} minutes; what you already sent has reached us.",
            ["status-rate-limited"] = "Too many status checks in a short time. Please try again in {0} minutes.",
            ["form-resend"] = "This form was already used to send a complaint. Check what you wrote below and send it again: it will be recorded as a new complaint.",
            ["form-unreadable"] = "We could not read what the form sent. Please fill it in and send it again.",
            ["access-phone"] = "Enter the mobile number you texted us from.",
            ["access-code"] = "Enter the 6-digit code we texted you.",
            ["access-code-wrong"] = "That code is wrong or no longer works. Ask for a new code.",
            ["access-rate-limited"] = "Too many tries in a short time. Please try again in {0} minutes.",
            ["event-time-invalid"] = "Enter the date (and time, if you know it) the problem began, like 2026-03-01 14:30.",
            ["event-time-future"] = "The time the problem began cannot be in the future.",
            ["demand-unknown"] = "Choose what you would like us to do: {0}.",
            ["amount-invalid"] = "Enter the sum as a number greater than zero, like 200 or 49.50.",
            ["amount-needs-demand"] = "A sum goes with a request for compensation or a refund: choose one of them.",
            ["currency-invalid"] = "Enter the currency as a 3-letter code, like CNY, HKD or GBP.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["too-long"] = "不能超过 {0} 个字符。",
            ["email-invalid"] = "请输入有效的电子邮箱地址，例如 name@example.com。",
            ["phone-invalid"] = "请输入有效的电话号码，非本地号码请加国家代码。",
            ["contact-required"] = "请留下电子邮箱或电话号码，以便我们答复您。",
            ["text-required"] = "请描述您遇到的问题。",
            ["text-control"] = "内容包含无法显示的字符。",
            ["language-unsupported"] = "请选择支持的语言：{0}。",
            ["rate-limited"] = "您在短时间内提交了多次投诉，请在 {0} 分钟后再试；您已提交的内容我们已经收到。",
            ["status-rate-limited"] = "短时间内查询次数过多，请在 {0} 分钟后再试。",
            ["form-resend"] = "此表单已用于提交过一次投诉。请核对下面的内容后重新提交，我们会将其记录为一件新的投诉。",
            ["form-unreadable"] = "我们无法读取表单提交的内容，请重新填写并提交。",
            ["access-phone"] = "请输入您给我们发短信所用的手机号码。",
            ["access-code"] = "请输入我们短信发给您的 6 位验证码。",
            ["access-code-wrong"] = "验证码不正确或已失效，请重新获取验证码。",
            ["access-rate-limited"] = "短时间内尝试次数过多，请在 {0} 分钟后再试。",
            ["event-time-invalid"] = "请填写问题开始的日期（如知道，也请填写时间），例如 2026-03-01 14:30。",
            ["event-time-future"] = "问题开始的时间不能晚于现在。",
            ["demand-unknown"] = "请选择您希望我们怎样处理：{0}。",
            ["amount-invalid"] = "请以大于零的数字填写金额，例如 200 或 49.50。",
            ["amount-needs-demand"] = "填写金额时，请选择“赔偿”或“退款”。",
            ["currency-invalid"] = "请以 3 个字母的代码填写币种，例如 CNY、HKD 或 GBP。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["too-long"] = "不能超過 {0} 個字元。",
            ["email-invalid"] = "請輸入有效的電子郵件地址，例如 name@example.com。",
            ["phone-invalid"] = "請輸入有效的電話號碼，非本地號碼請加國家代碼。",
            ["contact-required"] = "請留下電子郵件或電話號碼，以便我們答覆您。",
            ["text-required"] = "請描述您遇到的問題。",
            ["text-control"] = "內容包含無法顯示的字元。",
            ["language-unsupported"] = "請選擇支援的語言：{0}。",
            ["rate-limited"] = "您在短時間內提交了多次投訴，請在 {0} 分鐘後再試；您已提交的內容我們已經收到。",
            ["status-rate-limited"] = "短時間內查詢次數過多，請在 {0} 分鐘後再試。",
            ["form-resend"] = "此表單已用於提交過一次投訴。請核對下面的內容後重新提交，我們會將其記錄為一件新的投訴。",
            ["form-unreadable"] = "我們無法讀取表單提交的內容，請重新填寫並提交。",
            ["access-phone"] = "請輸入您傳短訊給我們所用的手機號碼。",
            ["access-code"] = "請輸入我們以短訊傳給您的 6 位驗證碼。",
            ["access-code-wrong"] = "驗證碼不正確或已失效，請重新取得驗證碼。",
            ["access-rate-limited"] = "短時間內嘗試次數過多，請在 {0} 分鐘後再試。",
            ["event-time-invalid"] = "請填寫問題開始的日期（如知道，也請填寫時間），例如 2026-03-01 14:30。",
            ["event-time-future"] = "問題開始的時間不能晚於現在。",
            ["demand-unknown"] = "請選擇您希望我們怎樣處理：{0}。",
            ["amount-invalid"] = "請以大於零的數字填寫金額，例如 200 或 49.50。",
            ["amount-needs-demand"] = "填寫金額時，請選擇「賠償」或「退款」。",
            ["currency-invalid"] = "請以 3 個字母的代碼填寫幣種，例如 CNY、HKD 或 GBP。",
        },
    };

    public static string Format(string language, string key, params object[] args)
    {
        var table = Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English];
        return string.Format(CultureInfo.InvariantCulture, table[key], args);
    }
}
