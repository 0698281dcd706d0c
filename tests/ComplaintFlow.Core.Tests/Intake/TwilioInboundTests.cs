using System.Xml.Linq;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class TwilioInboundTests
{
    private const string DocumentedUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // The worked example in Twilio's "Webhooks security" guide: auth token 12345, these parameters, this signature.
    private static readonly Dictionary<string, string> DocumentedParameters = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+12349013030",
        ["Digits"] = "1234",
        ["From"] = "+12349013030",
        ["To"] = "+18005551212",
    };

    private const string DocumentedSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static readonly TwilioInboundSmsParser Parser = new(new IntakeOptions { DefaultPhoneRegion = "CN" });

    /// <summary>An incoming-message webhook as Twilio posts it (field set from Twilio's messaging webhook reference).</summary>
    private static Dictionary<string, string> IncomingMessage(string body, string from = "+8613800138000") => new()
    {
        ["ToCountry"] = "US",
        ["ToState"] = "CA",
        ["SmsMessageSid"] = "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        ["NumMedia"] = "0",
        ["ToCity"] = "SAN FRANCISCO",
        ["FromZip"] = "",
        ["SmsSid"] = "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        ["FromState"] = "",
        ["SmsStatus"] = "received",
        ["FromCity"] = "",
        ["Body"] = body,
        ["FromCountry"] = "CN",
        ["To"] = "+14155238886",
        ["ToZip"] = "94105",
        ["NumSegments"] = "2",
        ["MessageSid"] = "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        ["AccountSid"] = "AC00000000000000000000000000000001",
        ["From"] = from,
        ["ApiVersion"] = "2010-04-01",
    };

    [Fact]
    public void The_signature_of_Twilios_documented_example_is_reproduced_and_accepted()
    {
        var validator = new TwilioSignatureValidator("12345");

        Assert.Equal(DocumentedSignature, validator.ComputeSignature(DocumentedUrl, DocumentedParameters));
        Assert.True(validator.IsValid(DocumentedUrl, DocumentedParameters, DocumentedSignature));
    }

    [Fact]
    public void A_forged_or_altered_request_fails_the_signature_check()
    {
        var validator = new TwilioSignatureValidator("12345");
        var altered = new Dictionary<string, string>(DocumentedParameters) { ["Digits"] = "9999" };

        Assert.False(validator.IsValid(DocumentedUrl, altered, DocumentedSignature));
        Assert.False(validator.IsValid("https://mycompany.com/myapp.php?foo=1&bar=3", DocumentedParameters, DocumentedSignature));
        Assert.False(validator.IsValid(DocumentedUrl, DocumentedParameters, null));
        Assert.False(validator.IsValid(DocumentedUrl, DocumentedParameters, "0/KCTR6DLpKmkAf8muzZqo1nDgQ"));
        Assert.False(new TwilioSignatureValidator("54321").IsValid(DocumentedUrl, DocumentedParameters, DocumentedSignature));
    }

    [Theory]
    // Twilio's webhook security guide: a URL may be signed with or without the scheme's default port.
    [InlineData("https://host.example:443/api/inbound/sms/twilio", "https://host.example/api/inbound/sms/twilio")]
    [InlineData("http://host.example:80/api/inbound/sms/twilio?a=1&b=2", "http://host.example/api/inbound/sms/twilio?a=1&b=2")]
    [InlineData("https://host.example:443/api/inbound/sms/twilio?code=x%2By", "https://host.example/api/inbound/sms/twilio?code=x%2By")]
    public void A_signature_over_the_url_with_or_without_the_default_port_is_accepted(string signedUrl, string checkedUrl)
    {
        var validator = new TwilioSignatureValidator("12345");
        var signature = validator.ComputeSignature(signedUrl, DocumentedParameters);

        Assert.True(validator.IsValid(checkedUrl, DocumentedParameters, signature));
    }

    [Theory]
    [InlineData("https://host.example:8443/api/inbound/sms/twilio", "https://host.example/api/inbound/sms/twilio")]
    [InlineData("https://host.example/api/inbound/sms/twilio?a=1", "https://host.example/api/inbound/sms/twilio")]
    [InlineData("https://host.example/api/inbound/sms/twilio", "https://host.example/api/inbound/sms/twilio?a=1")]
    [InlineData("https://host.example/api/inbound/sms/twilio?a=1&b=2", "https://host.example/api/inbound/sms/twilio?b=2&a=1")]
    [InlineData("http://host.example/api/inbound/sms/twilio", "https://host.example/api/inbound/sms/twilio")]
    public void A_signature_over_another_port_query_or_scheme_is_refused(string signedUrl, string checkedUrl)
    {
        var validator = new TwilioSignatureValidator("12345");
        var signature = validator.ComputeSignature(signedUrl, DocumentedParameters);

        Assert.False(validator.IsValid(checkedUrl, DocumentedParameters, signature));
    }

    [Fact]
    public void An_incoming_message_is_read_with_the_sender_in_E164()
    {
        var sms = Parser.Parse(IncomingMessage("宽带又断了，已经第三次了。"));

        Assert.Equal(SmsProvider.Twilio, sms.Provider);
        Assert.Equal("SM1f0e8ae6ade43cb3c0ce4525424e404f", sms.MessageId);
        Assert.Equal("+8613800138000", sms.From);
        Assert.True(sms.FromIsE164);
        Assert.Equal("+14155238886", sms.To);
        Assert.Equal("宽带又断了，已经第三次了。", sms.Body);
        Assert.Equal(2, sms.Segments);
        Assert.Empty(sms.Media);
    }

    [Fact]
    public void A_number_without_country_code_is_read_in_the_default_region()
    {
        Assert.Equal("+8613800138000", Parser.Parse(IncomingMessage("hi", from: "138 0013 8000")).From);
    }

    [Fact]
    public void A_short_code_sender_is_kept_as_given_and_marked_not_E164()
    {
        var sms = Parser.Parse(IncomingMessage("hi", from: "10086"));

        Assert.Equal("10086", sms.From);
        Assert.False(sms.FromIsE164);
    }

    [Fact]
    public void MMS_media_urls_and_types_are_listed()
    {
        var form = IncomingMessage(string.Empty);
        form["NumMedia"] = "2";
        form["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1";
        form["MediaContentType0"] = "image/jpeg";
        form["MediaUrl1"] = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2";
        form["MediaContentType1"] = "image/png";

        var sms = Parser.Parse(form);

        Assert.Equal(
            [new SmsMedia(form["MediaUrl0"], "image/jpeg"), new SmsMedia(form["MediaUrl1"], "image/png")],
            sms.Media);
    }

    [Theory]
    [InlineData("MessageSid")]
    [InlineData("From")]
    [InlineData("To")]
    public void A_missing_field_is_refused_by_name(string field)
    {
        var form = IncomingMessage("hello");
        form.Remove(field);
        if (field == "MessageSid")
        {
            form.Remove("SmsMessageSid");
            form.Remove("SmsSid");
        }

        Assert.Equal(field, Assert.Throws<InboundPayloadException>(() => Parser.Parse(form)).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void An_empty_text_is_read_not_refused(string? body)
    {
        var form = IncomingMessage("placeholder");
        if (body is null)
        {
            form.Remove("Body");
        }
        else
        {
            form["Body"] = body;
        }

        Assert.Equal(string.Empty, Parser.Parse(form).Body);
    }

    [Fact]
    public void A_malformed_count_is_refused_by_name()
    {
        var form = IncomingMessage("hello");
        form["NumSegments"] = "two";

        Assert.Equal("NumSegments", Assert.Throws<InboundPayloadException>(() => Parser.Parse(form)).Field);
    }

    [Fact]
    public void TwiML_reply_escapes_the_text_and_an_empty_reply_sends_nothing()
    {
        const string text = "Reply <HELP> & \"STOP\" — 回复退订";

        var reply = XDocument.Parse(TwimlResponse.Message(text));
        var empty = XDocument.Parse(TwimlResponse.Empty());

        Assert.Equal("Response", reply.Root!.Name.LocalName);
        Assert.Equal(text, reply.Root.Element("Message")!.Value);
        Assert.Equal("Response", empty.Root!.Name.LocalName);
        Assert.Empty(empty.Root.Elements());
    }
}
