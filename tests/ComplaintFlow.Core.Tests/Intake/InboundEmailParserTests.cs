using System.Text;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class InboundEmailParserTests
{
    private static readonly InboundEmailParser Parser = new();

    // Core registers the Chinese code pages as it loads (CodePages); this class may touch MimeKit before Core.
    static InboundEmailParserTests() => System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(InboundEmailParser).Module.ModuleHandle);

    private static Encoding Gb2312 => Encoding.GetEncoding("gb2312");
    private static Encoding Gbk => Encoding.GetEncoding(936);
    private static Encoding Big5 => Encoding.GetEncoding("big5");

    private static InboundEmail Parse(SendGridPost post) => Parser.Parse(post.Bytes(), post.ContentType);

    [Fact]
    public void Parsed_mode_reads_a_GB2312_body_and_subject_as_the_charsets_field_declares()
    {
        const string text = "您好，我家宽带已经断网三天了，客服电话一直打不通。\r\n\r\n张三";
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers(
                "From: =?GB2312?B?1cXI/Q==?= <zhang.san@example.cn>",
                "Message-ID: <CAN_wx3t1@mail.example.cn>",
                "Subject: =?GB2312?B?v+20+LbPzfjI/czs?=",
                "To: complaints@complaintflow.local",
                "Content-Type: text/plain; charset=GB2312"))
            .Field("dkim", "{@example.cn : pass}")
            .Field("to", "complaints@complaintflow.local")
            .Field("from", "张三 <zhang.san@example.cn>")
            .Field("text", text, Gb2312)
            .Field("sender_ip", "203.0.113.25")
            .Field("envelope", """{"to":["complaints@complaintflow.local"],"from":"zhang.san@example.cn"}""")
            .Field("attachments", "0")
            .Field("subject", "宽带断网三天", Gb2312)
            .Field("charsets", """{"to":"UTF-8","subject":"GB2312","from":"UTF-8","text":"GB2312"}""")
            .Field("SPF", "pass");

        var email = Parse(post);

        Assert.Equal(InboundEmailMode.Parsed, email.Mode);
        Assert.Equal("CAN_wx3t1@mail.example.cn", email.MessageId);
        Assert.Equal("zhang.san@example.cn", email.From);
        Assert.Equal("张三", email.FromName);
        Assert.Equal(["complaints@complaintflow.local"], email.To);
        Assert.Equal("宽带断网三天", email.Subject);
        Assert.Equal("您好，我家宽带已经断网三天了，客服电话一直打不通。\n\n张三", email.Body);
        Assert.Empty(email.Warnings);
        Assert.False(email.LoopSignals.NullEnvelopeSender);
    }

    [Fact]
    public void Text_labelled_GB2312_that_uses_GBK_characters_is_read_without_loss()
    {
        // 喆 and 堃 are in GBK but not GB2312; mail clients still label such text GB2312.
        var post = new SendGridPost()
            .Field("from", "王喆 <wang.zhe@example.cn>")
            .Field("subject", "投诉")
            .Field("text", "我是王喆，家住堃华小区，电费多扣了。", Gbk)
            .Field("charsets", """{"text":"gb2312","from":"UTF-8","subject":"UTF-8"}""");

        var email = Parse(post);

        Assert.Equal("我是王喆，家住堃华小区，电费多扣了。", email.Body);
    }

    [Fact]
    public void An_unknown_charset_is_read_as_UTF8_and_reported_instead_of_failing_the_mail()
    {
        var post = new SendGridPost()
            .Field("from", "a@example.com")
            .Field("text", "Meter read twice")
            .Field("charsets", """{"text":"x-klingon","from":"UTF-8"}""");

        var email = Parse(post);

        Assert.Equal("Meter read twice", email.Body);
        Assert.Contains(email.Warnings, w => w.Contains("'text'", StringComparison.Ordinal) && w.Contains("x-klingon", StringComparison.Ordinal));
    }

    [Fact]
    public void Raw_mode_reads_a_Big5_MIME_message_with_its_attachment()
    {
        var subject = "帳單重複扣款";
        var body = "你好，我的帳單這個月被重複扣款兩次，請盡快處理。\r\n\r\n陳大文\r\n";
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var mime = new MemoryStream();
        void Line(string s) => mime.Write(Encoding.ASCII.GetBytes(s + "\r\n"));
        Line("Received: from mail.example.com.hk (mail.example.com.hk [198.51.100.7]) by mx.sendgrid.net");
        Line("From: =?big5?B?" + Convert.ToBase64String(Big5.GetBytes("陳大文")) + "?= <chan.tai.man@example.com.hk>");
        Line("To: complaints@complaintflow.local");
        Line("Cc: family@example.com.hk");
        Line("Subject: =?big5?B?" + Convert.ToBase64String(Big5.GetBytes(subject)) + "?=");
        Line("Date: Mon, 2 Mar 2026 10:00:00 +0800");
        Line("Message-ID: <20260302100000.big5@mail.example.com.hk>");
        Line("MIME-Version: 1.0");
        Line("Content-Type: multipart/mixed; boundary=\"----=_Part_0_1\"");
        Line("");
        Line("------=_Part_0_1");
        Line("Content-Type: text/plain; charset=\"big5\"");
        Line("Content-Transfer-Encoding: 8bit");
        Line("");
        mime.Write(Big5.GetBytes(body));
        Line("------=_Part_0_1");
        Line("Content-Type: image/png; name=\"bill.png\"");
        Line("Content-Disposition: attachment; filename=\"bill.png\"");
        Line("Content-Transfer-Encoding: base64");
        Line("");
        Line(Convert.ToBase64String(png));
        Line("------=_Part_0_1--");

        var post = new SendGridPost()
            .Field("email", mime.ToArray())
            .Field("to", "complaints@complaintflow.local")
            .Field("from", "chan.tai.man@example.com.hk")
            .Field("envelope", """{"to":["complaints@complaintflow.local"],"from":"chan.tai.man@example.com.hk"}""")
            .Field("charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}""")
            .Field("spam_score", "0.012");

        var email = Parse(post);

        Assert.Equal(InboundEmailMode.Raw, email.Mode);
        Assert.Equal("20260302100000.big5@mail.example.com.hk", email.MessageId);
        Assert.Equal("chan.tai.man@example.com.hk", email.From);
        Assert.Equal("陳大文", email.FromName);
        Assert.Equal(["family@example.com.hk"], email.Cc);
        Assert.Equal(subject, email.Subject);
        Assert.Equal("你好，我的帳單這個月被重複扣款兩次，請盡快處理。\n\n陳大文", email.Body);
        var attachment = Assert.Single(email.Attachments);
        Assert.Equal("bill.png", attachment.FileName);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(png, attachment.Content.ToArray());
        Assert.Equal(0.012, email.SpamScore);
    }

    [Fact]
    public void An_HTML_only_mail_becomes_plain_text_without_markup_scripts_or_the_quoted_notice()
    {
        const string html = """
            <html><head><style>p { color: red }</style><title>Re: complaint</title></head>
            <body><script>alert('x')</script>
            <p>The engineer never came.<br>I waited <b>all day</b> on 2&nbsp;March.</p>
            <ul><li>Ticket 4411</li><li>Ticket 4412</li></ul>
            <div class="gmail_quote"><div>On Mon, 2 Mar 2026 at 10:00, ComplaintFlow &lt;complaints@complaintflow.local&gt; wrote:</div>
            <blockquote>We received your complaint.<br>Reference CF-0ABCD-EFGH2</blockquote></div>
            <img src="https://tracker.example/pixel.gif" onerror="steal()">
            </body></html>
            """;
        var post = new SendGridPost()
            .Field("from", "Pat <pat@example.com>")
            .Field("subject", "Re: your complaint")
            .Field("html", html)
            .Field("charsets", """{"html":"UTF-8","from":"UTF-8","subject":"UTF-8"}""");

        var email = Parse(post);

        foreach (var markup in new[] { "<p", "<b>", "<br", "<script", "alert", "onerror", "pixel.gif", "&nbsp;", "&lt;" })
        {
            Assert.DoesNotContain(markup, email.Body, StringComparison.Ordinal);
        }

        // Entities are decoded: the quoted attribution's "&lt;address&gt;" reads as the text "<address>".
        Assert.Contains("ComplaintFlow <complaints@complaintflow.local> wrote:", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("color", email.Body, StringComparison.Ordinal);
        Assert.Contains("I waited all day on 2 March.", email.Body, StringComparison.Ordinal);
        Assert.Contains("> Reference CF-0ABCD-EFGH2", email.Body, StringComparison.Ordinal);
        Assert.Equal("The engineer never came.\nI waited all day on 2 March.\n- Ticket 4411\n- Ticket 4412", email.ComplaintText);
    }

    [Fact]
    public void Parsed_mode_attachments_take_names_and_types_from_attachment_info()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 9, 9, 9 };
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%fake invoice\n");
        var post = new SendGridPost()
            .Field("from", "li.lei@example.cn")
            .Field("text", "见附件")
            .Field("attachments", "2")
            .Field("attachment-info", """{"attachment1":{"filename":"meter.jpg","name":"meter.jpg","type":"image/jpeg"},"attachment2":{"filename":"发票.pdf","name":"发票.pdf","type":"application/pdf","content-id":"ii_1"}}""")
            .File("attachment1", "meter.jpg", "image/jpeg", jpeg)
            .File("attachment2", "发票.pdf", "application/pdf", pdf);

        var email = Parse(post);

        Assert.Equal([("meter.jpg", "image/jpeg", 7L), ("发票.pdf", "application/pdf", pdf.Length)], email.Attachments.Select(a => (a.FileName, a.ContentType, a.Size)));
        Assert.Equal(jpeg, email.Attachments[0].Content.ToArray());
        Assert.Equal(pdf, email.Attachments[1].Content.ToArray());
        Assert.Empty(email.Warnings);
    }

    [Fact]
    public void A_post_near_SendGrids_30_MB_limit_is_read_whole()
    {
        var scan = new byte[25 * 1024 * 1024];
        new Random(5).NextBytes(scan);
        var post = new SendGridPost()
            .Field("from", "li.lei@example.cn")
            .Field("text", "扫描件见附件")
            .Field("attachments", "1")
            .File("attachment1", "scan.tiff", "image/tiff", scan);

        var attachment = Assert.Single(Parse(post).Attachments);

        Assert.Equal(scan.Length, attachment.Size);
        Assert.True(scan.AsSpan().SequenceEqual(attachment.Content.Span));
    }

    [Fact]
    public void Loop_signals_are_read_from_the_headers_field_and_the_envelope()
    {
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers(
                "From: Zhang <zhang.san@example.cn>",
                "Subject: =?UTF-8?B?6Ieq5Yqo5Zue5aSNOiDmiJHku6zlt7LmlLbliLA=?=",
                "Auto-Submitted: auto-replied",
                "X-Autoreply: yes",
                "Precedence: bulk",
                "Return-Path: <>"))
            .Field("from", "Zhang <zhang.san@example.cn>")
            .Field("text", "我正在休假，3月9日回来。")
            .Field("envelope", """{"to":["complaints@complaintflow.local"],"from":null}""");

        var signals = Parse(post).LoopSignals;

        Assert.Equal("auto-replied", signals.AutoSubmitted);
        Assert.True(signals.AutoReplyHeader);
        Assert.Equal("bulk", signals.Precedence);
        Assert.True(signals.NullEnvelopeSender);
    }

    [Fact]
    public void In_reply_to_and_references_are_listed_most_direct_first_without_brackets()
    {
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers(
                "From: pat@example.com",
                "Message-ID: <reply-2@example.com>",
                "In-Reply-To: <0ABCDEFGH2-acknowledgement-email-1@complaintflow.local>",
                "References: <first@example.com>\r\n <0ABCDEFGH2-acknowledgement-email-1@complaintflow.local>"))
            .Field("from", "pat@example.com")
            .Field("text", "Still broken.");

        var email = Parse(post);

        Assert.Equal(["0ABCDEFGH2-acknowledgement-email-1@complaintflow.local", "first@example.com"], email.ReplyToMessageIds);
    }

    [Fact]
    public void Without_a_Message_Id_the_same_mail_posted_twice_gets_the_same_id_and_another_mail_another()
    {
        static SendGridPost Post(string text) => new SendGridPost().Field("from", "pat@example.com").Field("subject", "Bill").Field("text", text);

        var first = Parse(Post("Charged twice"));
        var again = Parse(Post("Charged twice"));
        var other = Parse(Post("Charged three times"));

        Assert.StartsWith("sha256:", first.MessageId, StringComparison.Ordinal);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
    }

    [Fact]
    public void A_post_without_a_sender_is_read_with_an_empty_sender_for_the_classifier_to_judge()
    {
        var post = new SendGridPost().Field("to", "complaints@complaintflow.local").Field("text", "hello");

        Assert.Equal(string.Empty, Parse(post).From);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("application/json")]
    [InlineData(null)]
    public void A_body_that_is_not_multipart_with_a_boundary_is_refused_naming_the_content_type(string? contentType)
    {
        var error = Assert.Throws<InboundPayloadException>(() => Parser.Parse(Encoding.UTF8.GetBytes("from=a@example.com"), contentType));

        Assert.Equal("Content-Type", error.Field);
    }

    [Fact]
    public void A_multipart_body_without_its_boundary_is_refused_naming_the_body()
    {
        var error = Assert.Throws<InboundPayloadException>(() =>
            Parser.Parse(Encoding.UTF8.GetBytes("this is not a form\r\n"), "multipart/form-data; boundary=xYzZY"));

        Assert.Equal("body", error.Field);
    }

    [Fact]
    public void A_raw_email_field_without_a_sender_is_read_with_an_empty_sender()
    {
        var post = new SendGridPost().Field("email", "Subject: hello\r\n\r\nno sender here\r\n");

        var email = Parse(post);

        Assert.Equal(string.Empty, email.From);
        Assert.Equal("no sender here", email.Body);
    }

    [Fact]
    public void A_null_sender_in_From_keeps_its_display_name()
    {
        var post = new SendGridPost().Field("email", "From: Mail Delivery System <>\r\nSubject: hello\r\n\r\nbody\r\n");

        var email = Parse(post);

        Assert.Equal(string.Empty, email.From);
        Assert.Equal("Mail Delivery System", email.FromName);
    }

    [Theory]
    [InlineData("<>")]
    [InlineData("< >")]
    public void An_empty_Message_ID_is_replaced_by_the_content_hash(string messageId)
    {
        // An empty id reached ComplaintId.FromSource, which refuses it: a 500 instead of a complaint.
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers($"Message-ID: {messageId}", "From: li@example.cn"))
            .Field("from", "li@example.cn")
            .Field("text", "My broadband is down.");

        Assert.StartsWith("sha256:", Parse(post).MessageId, StringComparison.Ordinal);
    }
}
