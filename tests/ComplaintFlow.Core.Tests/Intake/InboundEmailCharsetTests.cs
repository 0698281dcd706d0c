using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// Text that names no charset, or names Latin-1 or ASCII for Windows-1252 bytes, is read as a person wrote it
/// (<c>Fixtures/Email/Charsets</c>), and C1 controls never send a customer's mail to quarantine.
/// </summary>
public sealed class InboundEmailCharsetTests
{
    private static readonly InboundEmailParser Parser = new();

    static InboundEmailCharsetTests() => System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(InboundEmailParser).Module.ModuleHandle);

    private static InboundEmail ParseRaw(string fixture)
    {
        var post = EmailFixtures.Raw(EmailFixtures.Read($"Charsets/{fixture}"));
        return Parser.Parse(post.Bytes(), post.ContentType);
    }

    [Theory]
    [InlineData("undeclared-gbk-headers-and-body.eml", "张三", "投诉：账单重复扣费", "我的账单上三月份的月租被扣了两次，请退还多扣的费用。")]
    [InlineData("undeclared-utf8-headers-and-body.eml", "李伟", "宽带断网三天", "我家宽带已经断网三天了。")]
    [InlineData("undeclared-windows-1252-headers-and-body.eml", "Zoë Dupré", "Réclamation – facture", "Je n’ai pas reçu le remboursement de 20 €.")]
    public void Undeclared_8_bit_headers_and_bodies_are_read_as_UTF_8_then_GB18030_then_Windows_1252(string fixture, string name, string subject, string body)
    {
        var email = ParseRaw(fixture);

        Assert.Equal(name, email.FromName);
        Assert.Equal(subject, email.Subject);
        Assert.Equal(body, email.Body);
    }

    [Theory]
    [InlineData("iso-8859-1-label-with-curly-apostrophe.eml", "Bill", "I don’t understand why I was charged “twice” – €40.")]
    [InlineData("us-ascii-label-with-curly-apostrophe.eml", "Bill", "I don’t understand why I was charged twice.")]
    [InlineData("iso-8859-1-quoted-printable-with-curly-apostrophe.eml", "Don’t charge me twice", "I don’t understand why I was charged twice.")]
    [InlineData("utf-8-with-c1-controls.eml", "Bill", "I don’t understand the €40 charge.")]
    public void Latin_1_and_ASCII_labels_read_as_Windows_1252_and_the_text_is_a_valid_complaint(string fixture, string subject, string body)
    {
        var email = ParseRaw(fixture);
        var submission = new ComplaintSubmission { Channel = Channel.Email, Email = email.From, Subject = email.Subject, Text = email.ComplaintText };

        Assert.Equal(subject, email.Subject);
        Assert.Equal(body, email.Body);
        Assert.Empty(new SubmissionValidator(new IntakeOptions()).Validate(submission, null, out _));
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("x-unknown-charset")]
    public void A_charset_dotnet_refuses_or_does_not_know_is_read_as_unlabelled_text_not_an_error(string label)
    {
        // UTF-7 is disabled in .NET (GetEncoding throws NotSupportedException): a mail labelled so answered 500.
        Assert.Null(TextEncodings.Find(label));
        Assert.Equal("Broadband is down", TextEncodings.Decode("Broadband is down"u8, label));
    }

    [Fact]
    public void Parsed_mode_fields_without_a_charset_are_guessed_not_read_as_UTF_8()
    {
        var gbk = Encoding.GetEncoding("gb18030");
        var post = new SendGridPost()
            .Field("from", "张三 <zhang.san@example.cn>")
            .Field("subject", "投诉：账单重复扣费", gbk)
            .Field("text", "我的账单上三月份的月租被扣了两次。", gbk)
            .Field("charsets", """{"from":"UTF-8"}""");

        var email = Parser.Parse(post.Bytes(), post.ContentType);

        Assert.Equal("投诉：账单重复扣费", email.Subject);
        Assert.Equal("我的账单上三月份的月租被扣了两次。", email.Body);
    }

    [Fact]
    public void Parsed_mode_iso_8859_1_field_with_a_0x92_apostrophe_reads_as_Windows_1252()
    {
        var post = new SendGridPost()
            .Field("from", "pat@example.com")
            .Field("text", "I don’t agree.", Encoding.GetEncoding(1252))
            .Field("charsets", """{"from":"UTF-8","text":"iso-8859-1"}""");

        Assert.Equal("I don’t agree.", Parser.Parse(post.Bytes(), post.ContentType).Body);
    }

    [Theory]
    [InlineData("d\u0092accord", "d’accord")]
    [InlineData("\u0080 5", "€ 5")]
    [InlineData("x\u0081y", "x\uFFFDy")]
    [InlineData("plain", "plain")]
    public void C1_controls_become_the_Windows_1252_character_at_that_byte(string text, string expected) =>
        Assert.Equal(expected, TextEncodings.ReplaceC1Controls(text));
}
