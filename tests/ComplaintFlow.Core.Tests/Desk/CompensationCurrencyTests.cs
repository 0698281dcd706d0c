using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>The compensation form starts in the complaint's market's currency, not always CNY.</summary>
public sealed class CompensationCurrencyTests
{
    private static Complaint Under(string? profile, string? phone = null, string? zone = null)
    {
        var complaint = DeskFixtures.OpenComplaint(phone: phone) with { TimeZone = zone };
        return complaint with
        {
            Deadlines = profile is null
                ? [.. complaint.Deadlines.Where(d => d.Clock == DeadlineKinds.InternalClock)]
                : [.. complaint.Deadlines.Where(d => d.Clock == DeadlineKinds.InternalClock),
                    new Deadline { Kind = DeadlineKinds.Resolve, Clock = profile, StartedAt = DeskFixtures.Received, DueAt = DeskFixtures.Received.AddDays(56) }],
        };
    }

    [Theory]
    [InlineData("fca-disp", null, null, "GBP")] // a UK (FCA) complaint is in sterling
    [InlineData("ofgem", "+8613800138000", null, "GBP")] // the regulated market wins over a Chinese number
    [InlineData("cfpb", null, null, "USD")]
    [InlineData("miit-telecom", null, null, "CNY")]
    [InlineData("power-95598", "+85291234567", null, "HKD")] // a Hong Kong customer is paid in HKD
    [InlineData(null, null, "Asia/Hong_Kong", "HKD")]
    [InlineData(null, "+447700900123", null, "GBP")] // no statutory profile: the customer's region
    [InlineData(null, null, "Europe/London", "GBP")]
    [InlineData(null, null, null, "CNY")] // nothing known: the deployment's market (CN)
    public void The_default_currency_follows_the_complaint_s_market(string? profile, string? phone, string? zone, string expected) =>
        Assert.Equal(expected, CompensationCurrency.For(Under(profile, phone, zone), DeskFixtures.Rules));

    [Fact]
    public void A_deployment_for_the_UK_market_defaults_to_sterling_when_nothing_else_is_known()
    {
        var rules = DeadlineRules.Load(new DeadlineOptions { Market = "GB" });
        Assert.Equal("GBP", CompensationCurrency.For(Under(null), rules));
    }

    [Fact]
    public void The_complaint_page_carries_the_default_currency()
    {
        var view = ComplaintView.Of(new VersionedComplaint(Under("fca-disp"), "1"), [], PortalOptions.DefaultRootCauses, DeskFixtures.Received, DeskFixtures.Rules);
        Assert.Equal("GBP", view.DefaultCurrency);
    }
}
