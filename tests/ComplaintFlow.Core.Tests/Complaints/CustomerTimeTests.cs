using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Tests.Complaints;

/// <summary>Dates to customers: in their zone, the zone named, in a form no one can read the wrong way round.</summary>
public sealed class CustomerTimeTests
{
    private static readonly DateTimeOffset Instant = new(2026, 12, 7, 9, 18, 0, TimeSpan.Zero);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Theory]
    [InlineData("en", "Europe/London", "7 Dec 2026, 09:18 GMT")]
    [InlineData("en", "Asia/Shanghai", "7 Dec 2026, 17:18 China Standard Time")]
    [InlineData("en", "America/New_York", "7 Dec 2026, 04:18 EST")]
    [InlineData("zh-Hans", "Asia/Shanghai", "2026年12月7日 17:18（北京时间）")]
    [InlineData("zh-Hant", "Asia/Hong_Kong", "2026年12月7日 17:18（香港時間）")]
    [InlineData("zh-Hans", "Europe/London", "2026年12月7日 09:18（英国时间）")]
    [InlineData("en", "Europe/Paris", "7 Dec 2026, 10:18 UTC+01:00 (Europe/Paris)")]
    public void A_date_is_written_in_the_customers_zone_with_the_zone_named(string language, string zone, string expected) =>
        Assert.Equal(expected, CustomerTime.Format(Instant, language, Zone(zone)));

    [Fact]
    public void Summer_time_in_the_UK_is_named_BST() =>
        Assert.Equal("6 Jun 2026, 10:18 BST", CustomerTime.Format(new DateTimeOffset(2026, 6, 6, 9, 18, 0, TimeSpan.Zero), "en", Zone("Europe/London")));

    [Theory]
    [InlineData("Europe/London", "+8613800138000", "Europe/London")]   // the browser's zone wins
    [InlineData(null, "+447911123456", "Europe/London")]                // else the phone's region
    [InlineData(null, "+85291234567", "Asia/Hong_Kong")]
    [InlineData("Not/AZone", "+8613800138000", "Asia/Shanghai")]        // an unknown browser zone is dropped
    [InlineData(null, "+12024561111", null)]                            // the US spans zones: the configured default
    [InlineData(null, null, null)]
    public void The_customers_zone_comes_from_the_browser_then_the_phone_region(string? browser, string? phone, string? expected) =>
        Assert.Equal(expected, CustomerTime.ZoneFor(browser, phone));

    [Fact]
    public void The_web_form_keeps_the_browsers_zone_and_the_phone_gives_one_when_it_is_absent()
    {
        var validator = new SubmissionValidator(new IntakeOptions { PublicBaseUrl = "https://complaints.example.com" });

        validator.Validate(new ComplaintSubmission { Email = "a@example.com", Text = "x", TimeZone = "America/Chicago" }, "en", out var fromBrowser);
        validator.Validate(new ComplaintSubmission { Phone = "+44 7911 123456", Text = "x", Language = "en" }, "en", out var fromPhone);

        Assert.Equal("America/Chicago", fromBrowser!.TimeZone);
        Assert.Equal("Europe/London", fromPhone!.TimeZone);
    }

    [Fact]
    public void The_status_page_writes_a_resolved_complaint_with_its_resolution_date_in_the_customers_zone()
    {
        var received = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, "k"),
            Channel = Channel.Web,
            ReceivedAt = received,
            Contact = new ContactDetails { Email = "a@example.com" },
            Text = "x",
            Language = "en",
            SourceMessageId = "k",
            TimeZone = "Europe/London",
            Status = ComplaintStatus.Resolved,
            Resolution = new Resolution { Text = "Done", RootCause = "our-error", ResolvedBy = "amy", ResolvedAt = Instant, SurveyToken = "t" },
        };

        var status = CustomerStatus.Of(complaint, "Asia/Shanghai");

        Assert.Equal("Europe/London", status.TimeZone);
        Assert.Equal("7 Dec 2026, 09:18 GMT", status.Dates["resolvedAt"]);
        Assert.Equal("1 Dec 2026, 09:00 GMT", status.Dates["receivedAt"]);
    }
}
