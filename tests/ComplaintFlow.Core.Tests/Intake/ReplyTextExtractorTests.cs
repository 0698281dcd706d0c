using ComplaintFlow.Core.Intake.Email;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class ReplyTextExtractorTests
{
    [Fact]
    public void Gmail_reply_keeps_the_new_text_and_drops_the_quoted_notice()
    {
        const string body = """
            The router still drops every hour, even after the reset.

            On Mon, 2 Mar 2026 at 10:00, ComplaintFlow <complaints@complaintflow.local> wrote:
            > We received your complaint [CF-0ABCD-EFGH2].
            > We will reply by 3 March.
            """;

        Assert.Equal("The router still drops every hour, even after the reset.", ReplyTextExtractor.Extract(body));
    }

    [Fact]
    public void A_wrapped_attribution_line_is_recognised()
    {
        const string body = "Thanks, but nobody called me.\n\nOn Mon, 2 Mar 2026 at 10:00, ComplaintFlow <\ncomplaints@complaintflow.local> wrote:\n\n> We received your complaint.";

        Assert.Equal("Thanks, but nobody called me.", ReplyTextExtractor.Extract(body));
    }

    [Fact]
    public void Outlook_original_message_and_underscore_header_blocks_are_dropped()
    {
        const string original = "Please cancel the second charge.\r\n\r\n-----Original Message-----\r\nFrom: ComplaintFlow <complaints@complaintflow.local>\r\nSent: Monday, March 2, 2026 10:00 AM\r\nSubject: [CF-0ABCD-EFGH2] We received your complaint\r\n\r\nDear customer,";
        const string underscores = "Please cancel the second charge.\r\n\r\n________________________________\r\nFrom: ComplaintFlow <complaints@complaintflow.local>\r\nSent: Monday, March 2, 2026 10:00 AM\r\nTo: Pat <pat@example.com>\r\n";

        Assert.Equal("Please cancel the second charge.", ReplyTextExtractor.Extract(original));
        Assert.Equal("Please cancel the second charge.", ReplyTextExtractor.Extract(underscores));
    }

    [Fact]
    public void QQ_mail_original_block_in_simplified_Chinese_is_dropped()
    {
        const string body = """
            还是没有解决，今天又断网了。

            ------------------ 原始邮件 ------------------
            发件人: "ComplaintFlow"<complaints@complaintflow.local>;
            发送时间: 2026年3月2日(星期一) 上午10:00
            收件人: "张三"<zhang.san@example.cn>;
            主题: [CF-0ABCD-EFGH2] 我们已收到您的投诉
            """;

        Assert.Equal("还是没有解决，今天又断网了。", ReplyTextExtractor.Extract(body));
    }

    [Fact]
    public void Apple_Mail_Chinese_attribution_and_the_phone_signature_are_dropped()
    {
        const string body = """
            已经是第二次多扣费了，请退款。

            发自我的iPhone

            在 2026年3月2日，10:00，ComplaintFlow <complaints@complaintflow.local> 写道：

            > 我们已收到您的投诉。
            """;

        Assert.Equal("已经是第二次多扣费了，请退款。", ReplyTextExtractor.Extract(body));
    }

    [Fact]
    public void Outlook_header_block_in_traditional_Chinese_is_dropped()
    {
        const string body = "請盡快派人維修。\n\n寄件者: ComplaintFlow <complaints@complaintflow.local>\n寄件日期: 2026年3月2日 上午 10:00\n收件者: 陳大文\n主旨: 我們已收到您的投訴";

        Assert.Equal("請盡快派人維修。", ReplyTextExtractor.Extract(body));
    }

    [Theory]
    [InlineData("My meter was read twice.\n-- \nPat Lee\nFlat 4, 12 High St")]
    [InlineData("My meter was read twice.\n\nSent from my iPhone")]
    [InlineData("My meter was read twice.\n\nGet Outlook for Android")]
    [InlineData("My meter was read twice.\n發自我的 iPhone")]
    public void Signatures_are_dropped(string body) =>
        Assert.Equal("My meter was read twice.", ReplyTextExtractor.Extract(body));

    [Fact]
    public void Inline_quoted_lines_are_dropped_and_the_answers_between_them_kept()
    {
        const string body = "> Which address?\n12 High St.\n> Since when?\nSince Friday.";

        Assert.Equal("12 High St.\nSince Friday.", ReplyTextExtractor.Extract(body));
    }

    [Fact]
    public void Prose_that_starts_with_From_is_kept()
    {
        const string body = "From: the day I moved in, the meter has run fast.\nNobody has checked it.";

        Assert.Equal(body, ReplyTextExtractor.Extract(body));
    }

    [Fact]
    public void A_mail_that_is_nothing_but_a_quote_keeps_the_quoted_text_without_its_markers()
    {
        const string body = "> The heating has been off for a week.";

        Assert.Equal("The heating has been off for a week.", ReplyTextExtractor.Extract(body));
    }
}
