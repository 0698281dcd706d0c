using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class SmsNumbersTests
{
    private const string OurChineseNumber = "+861088886666";
    private const string OurUsNumber = "+14155238886";

    private static readonly IntakeOptions Production = new() { DefaultPhoneRegion = "US" };
    private static readonly IntakeOptions Development = new() { DefaultPhoneRegion = "US", AcceptFictionalNumbers = true };

    [Fact]
    public void A_national_sender_is_read_in_the_region_of_the_number_it_texted()
    {
        Assert.Equal(new SmsParties("+8613124584567", true, OurChineseNumber), SmsNumbers.Read("13124584567", OurChineseNumber, Production));
        Assert.Equal(new SmsParties("+13124584567", true, OurUsNumber), SmsNumbers.Read("13124584567", OurUsNumber, Production));
    }

    [Fact]
    public void An_international_sender_without_its_plus_is_still_read()
    {
        Assert.Equal("+8613800138000", SmsNumbers.Read("8613800138000", OurUsNumber, Production).From);
        Assert.Equal("+8613800138000", SmsNumbers.Read("+8613800138000", OurUsNumber, Production).From);
    }

    [Theory]
    [InlineData("+447700900123", "+447700900123")]
    [InlineData("447700900123", "+447700900123")]
    [InlineData("+15555550123", "+15555550123")]
    [InlineData("(202) 555-0199", "+12025550199")]
    public void Fictional_ranges_are_accepted_in_development_only(string from, string e164)
    {
        Assert.Equal(new SmsParties(e164, true, OurUsNumber), SmsNumbers.Read(from, OurUsNumber, Development));
        Assert.Equal(e164 == "+12025550199", SmsNumbers.Read(from, OurUsNumber, Production).FromIsE164);
    }

    [Theory]
    [InlineData("+447700901123")]
    [InlineData("+15555550200")]
    [InlineData("10086")]
    public void Outside_the_fictional_ranges_an_unusable_sender_stays_unusable_in_development(string from) =>
        Assert.False(SmsNumbers.Read(from, OurUsNumber, Development).FromIsE164);

    [Fact]
    public void A_complaint_from_a_fictional_number_is_valid_in_development_only()
    {
        var submission = new ComplaintSubmission { Channel = Channel.Sms, Phone = "+447700900123", Text = "The router is dead." };

        new SubmissionValidator(Development).Validate(submission, null, out var development);
        new SubmissionValidator(Production).Validate(submission, null, out var production);

        Assert.Equal("+447700900123", development?.Contact.Phone);
        Assert.Null(production);
    }
}
