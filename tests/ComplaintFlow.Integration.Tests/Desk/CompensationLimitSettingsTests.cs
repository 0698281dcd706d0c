using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// Compensation limits as a deployment writes them (<c>ComplaintFlow:Portal:CompensationLimits:agent:GBP</c>), bound
/// and checked by the app's own registration: read per role and currency, and a wrong one refused naming its key.
/// </summary>
public sealed class CompensationLimitSettingsTests
{
    [Fact]
    public void Limits_per_role_and_currency_are_read_from_settings()
    {
        using var services = Services(new()
        {
            ["ComplaintFlow:Portal:CompensationCeilings:GBP"] = "5000",
            ["ComplaintFlow:Portal:CompensationLimits:agent:GBP"] = "150",
            ["ComplaintFlow:Portal:CompensationLimits:supervisor:GBP"] = "900",
        });

        var limits = new CompensationLimits(services.GetRequiredService<IOptions<PortalOptions>>().Value);

        Assert.Equal((150m, 900m, 5000m), (limits.LimitOf(new StaffMember("a", "A", false), "GBP"), limits.LimitOf(new StaffMember("s", "S", true), "GBP"), limits.CeilingOf("GBP")));
        Assert.Equal(["GBP"], limits.Currencies);
    }

    [Fact]
    public void A_limit_above_its_ceiling_stops_the_app_naming_the_key()
    {
        using var services = Services(new()
        {
            ["ComplaintFlow:Portal:CompensationCeilings:GBP"] = "5000",
            ["ComplaintFlow:Portal:CompensationLimits:agent:GBP"] = "99999999",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortalOptions>>().Value);

        Assert.Contains("ComplaintFlow:Portal:CompensationLimits:agent:GBP (99999999) is above the ceiling", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        ComplaintFlowApp.BuildServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
