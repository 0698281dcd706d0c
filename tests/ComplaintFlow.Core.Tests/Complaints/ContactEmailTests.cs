using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Tests.Complaints;

public sealed class ContactEmailTests
{
    public static TheoryData<string> Valid() =>
    [
        "user@example.com",
        "first.last@example.co.uk",
        "user+tag@sub.example.org",
        "o'brien@example.ie",
        "a-b_c@ex-ample.com",
        "x@a1.io",
        "用户@例子.中国",
        "user@例子.中国",
        "user@xn--fsqu00a.xn--fiqs8s",
        "josé@exämple.de",
        "user@xn--exmple-cua.de",
    ];

    public static TheoryData<string> Invalid() =>
    [
        "user@example.com.",
        "user@-example.com",
        "user@example-.com",
        "user@exa_mple.com",
        "user@example",
        "user@.example.com",
        "user@example..com",
        "user@127.0.0.1",
        "user@[127.0.0.1]",
        "user.@example.com",
        ".user@example.com",
        "us..er@example.com",
        "user@@example.com",
        "@example.com",
        "user@",
        "user",
        "user @example.com",
        "Amy <amy@example.com>",
        "amy@example.com (Amy)",
        "user@xn--zz.com",
        "user@" + new string('a', 64) + ".com",
        new string('u', 65) + "@example.com",
    ];

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_deliverable_address_is_accepted(string address)
    {
        Assert.True(ContactEmail.IsValid(address));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_address_mail_cannot_reach_is_refused(string address)
    {
        Assert.False(ContactEmail.IsValid(address));
    }

    [Theory]
    [InlineData("user@example.com.")]
    [InlineData("user@-example.com")]
    public void The_web_form_inbound_email_and_data_rights_refuse_an_undeliverable_address(string address)
    {
        var options = new IntakeOptions { DefaultPhoneRegion = "CN" };
        var submission = new ComplaintSubmission { Channel = Channel.Email, Email = address, Text = "The meter is wrong." };

        Assert.Contains(new SubmissionValidator(options).Validate(submission, "en", out _), e => e.Field == "email");
        Assert.False(ContactIdentity.TryParse(address, "CN", out _));
    }
}
