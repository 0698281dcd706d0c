using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class SmsKeywordPolicyTests
{
    private static readonly SmsKeywordPolicy Policy = new(new SmsOptions());

    [Theory]
    [InlineData("STOP", SmsKeyword.OptOut)]
    [InlineData(" stop ", SmsKeyword.OptOut)]
    [InlineData("STOPALL", SmsKeyword.OptOut)]
    [InlineData("Unsubscribe", SmsKeyword.OptOut)]
    [InlineData("CANCEL", SmsKeyword.OptOut)]
    [InlineData("end", SmsKeyword.OptOut)]
    [InlineData("QUIT", SmsKeyword.OptOut)]
    [InlineData("REVOKE", SmsKeyword.OptOut)]
    [InlineData("optout", SmsKeyword.OptOut)]
    [InlineData("START", SmsKeyword.OptIn)]
    [InlineData("Yes", SmsKeyword.OptIn)]
    [InlineData("unstop", SmsKeyword.OptIn)]
    [InlineData("HELP", SmsKeyword.Help)]
    [InlineData("info", SmsKeyword.Help)]
    public void Twilios_default_keywords_are_the_providers(string body, SmsKeyword keyword) =>
        Assert.Equal(new SmsKeywordReading(keyword, SmsKeywordOrigin.Provider), Policy.Read(body));

    [Theory]
    [InlineData("STOP!")]
    [InlineData("stop.")]
    [InlineData("Stop!!!")]
    [InlineData("\"STOP\"")]
    [InlineData("ＳＴＯＰ")]
    [InlineData("ＳＴＯＰ！")]
    [InlineData("STOP 🙏")]
    public void Punctuation_and_full_width_letters_do_not_hide_STOP(string body) =>
        Assert.Equal(new SmsKeywordReading(SmsKeyword.OptOut, SmsKeywordOrigin.Provider), Policy.Read(body));

    [Theory]
    [InlineData("T")]
    [InlineData("td")]
    [InlineData("TD")]
    [InlineData("ＴＤ")]
    [InlineData("N")]
    [InlineData("取消")]
    [InlineData("取消订阅")]
    [InlineData("取消訂閱")]
    [InlineData("退订")]
    [InlineData("退訂。")]
    [InlineData("回复TD退订")]
    [InlineData("回复ＴＤ退订")]
    public void Chinese_carrier_conventions_opt_out(string body) =>
        Assert.Equal(new SmsKeywordReading(SmsKeyword.OptOut, SmsKeywordOrigin.Carrier), Policy.Read(body));

    [Theory]
    [InlineData("帮助")]
    [InlineData("幫助！")]
    public void Chinese_help_is_a_carrier_keyword(string body) =>
        Assert.Equal(new SmsKeywordReading(SmsKeyword.Help, SmsKeywordOrigin.Carrier), Policy.Read(body));

    [Theory]
    [InlineData("STOP please")]
    [InlineData("Please stop")]
    [InlineData("Stop, please!")]
    [InlineData("Stop texting me")]
    [InlineData("stop texting me!!")]
    [InlineData("please stop messaging me")]
    [InlineData("Don’t text me")]
    [InlineData("No more texts, thanks")]
    [InlineData("不要再发短信")]
    [InlineData("请不要再发短信了！")]
    [InlineData("别再发短信了")]
    [InlineData("別再傳短訊")]
    [InlineData("請不要再發短訊，謝謝")]
    public void Plain_requests_to_stop_opt_out(string body) =>
        Assert.Equal(new SmsKeywordReading(SmsKeyword.OptOut, SmsKeywordOrigin.PlainLanguage), Policy.Read(body));

    [Theory]
    [InlineData("Please stop charging me twice")]
    [InlineData("Stop the engineer coming on Friday, the line works now")]
    [InlineData("My internet stopped working")]
    [InlineData("帮助我解决断网问题")]
    [InlineData("不要再发短信催我交费了，我已经交了")]
    [InlineData("Yes the outage is still going")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("!!!")]
    public void A_text_that_says_more_is_a_complaint_not_a_keyword(string body) =>
        Assert.Null(Policy.Read(body));

    [Theory]
    [InlineData("STOP", false)]
    [InlineData("HELP", false)]
    [InlineData("START", false)]
    [InlineData("TD", true)]
    [InlineData("退订", true)]
    [InlineData("幫助", true)]
    [InlineData("Stop texting me", true)]
    public void With_the_providers_handling_on_we_answer_only_the_words_it_does_not_know(string body, bool weAnswer) =>
        Assert.Equal(weAnswer, Policy.WeAnswer(Policy.Read(body)!));

    [Theory]
    [InlineData("STOP")]
    [InlineData("HELP")]
    [InlineData("START")]
    [InlineData("TD")]
    [InlineData("Stop texting me")]
    public void With_the_providers_handling_off_we_answer_every_keyword(string body)
    {
        var policy = new SmsKeywordPolicy(new SmsOptions { ProviderAnswersKeywords = false });

        Assert.True(policy.WeAnswer(policy.Read(body)!));
    }

    [Theory]
    [InlineData("幫助", SupportedLanguages.TraditionalChinese)]
    [InlineData("帮助", SupportedLanguages.SimplifiedChinese)]
    [InlineData("取消訂閱", SupportedLanguages.TraditionalChinese)]
    [InlineData("別再傳短訊", SupportedLanguages.TraditionalChinese)]
    [InlineData("不要再发短信", SupportedLanguages.SimplifiedChinese)]
    public void A_keyword_is_answered_in_its_own_script(string body, string language) =>
        Assert.Equal(language, SupportedLanguages.Detect(body));

    [Theory]
    [InlineData(SupportedLanguages.English, "no more texts", "START")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "您已退订", "START")]
    [InlineData(SupportedLanguages.TraditionalChinese, "您已退訂", "START")]
    public void The_opt_out_confirmation_says_how_to_opt_back_in(string language, string wording, string optIn)
    {
        var text = new SmsComposer(new SmsOptions(), new IntakeOptions().Site).OptedOut(language);

        Assert.Contains(wording, text, StringComparison.Ordinal);
        Assert.Contains(optIn, text, StringComparison.Ordinal);
        Assert.Equal(1, SmsSegmenter.Measure(text).Segments);
    }
}
