using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// A phone number typed on the web form as the customer writes it at home is read in the region of their browser's
/// time zone, then in the deployment's default region; a number valid in neither is refused, never guessed.
/// </summary>
public sealed class WebFormPhoneRegionTests
{
    private static readonly IntakeOptions MainlandDeployment = new() { DefaultPhoneRegion = "CN" };

    private static (string? Phone, IReadOnlyList<ValidationError> Errors) Read(string phone, string? zone)
    {
        var errors = new SubmissionValidator(MainlandDeployment).Validate(
            new ComplaintSubmission { Channel = Channel.Web, Phone = phone, Text = "The router is dead.", TimeZone = zone }, "en", out var valid);
        return (valid?.Contact.Phone, errors);
    }

    [Theory]
    [InlineData("07911 123456", "Europe/London", "+447911123456")]
    [InlineData("(202) 555-0143", "America/New_York", "+12025550143")]
    [InlineData("9123 4567", "Asia/Hong_Kong", "+85291234567")]
    [InlineData("138 0013 8000", "Asia/Shanghai", "+8613800138000")]
    [InlineData("138 0013 8000", "Europe/London", "+8613800138000")]
    [InlineData("138 0013 8000", null, "+8613800138000")]
    [InlineData("+44 7911 123456", "Asia/Shanghai", "+447911123456")]
    public void A_national_number_is_read_where_the_browser_is_then_where_we_are(string typed, string? zone, string expected) =>
        Assert.Equal(expected, Read(typed, zone).Phone);

    [Fact]
    public void A_british_national_number_from_a_browser_set_to_beijing_time_is_refused()
    {
        var (phone, errors) = Read("07911 123456", "Asia/Shanghai");

        Assert.Null(phone);
        Assert.Contains(errors, e => e.Field == "phone");
    }
}
