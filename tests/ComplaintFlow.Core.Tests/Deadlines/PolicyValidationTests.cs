using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>Policy mistakes that would otherwise be ignored in silence stop the app at start, naming the key.</summary>
public sealed class PolicyValidationTests
{
    private static DeadlinePolicyException Refused(Action<JsonObject> change) =>
        Assert.Throws<DeadlinePolicyException>(() => RulesWith(change));

    [Fact]
    public void An_override_for_a_channel_we_do_not_have_is_refused()
    {
        var error = Refused(p => p["overrides"]![1]!["channel"] = "Fax");

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:overrides:1:channel", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fax", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_without_any_condition_is_refused_because_it_would_replace_every_priority_target()
    {
        var error = Refused(p => p["overrides"]!.AsArray().Add(JsonNode.Parse("""{ "clocks": { "resolve": { "amount": 1, "unit": "businessDays" } } }""")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:overrides:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_for_a_channel_we_do_not_have_are_refused()
    {
        var error = Refused(p => p["profilesByChannel"]!["Fax"] = new JsonArray("retail-24h"));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profilesByChannel:Fax", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeadlineKinds.Acknowledge)]
    [InlineData(DeadlineKinds.Resolve)]
    public void Every_priority_needs_an_acknowledge_and_a_resolve_clock(string kind)
    {
        // The acknowledgement notice and the customer's status page quote these two dates.
        var error = Refused(p => p["internal"]!["P3"]!.AsObject().Remove(kind));

        Assert.StartsWith($"ComplaintFlow:Deadlines:Policy:internal:P3:{kind}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_policy_without_a_default_calendar_is_refused_with_the_calendars_it_could_name(string? calendar)
    {
        var error = Refused(p => p["calendar"] = calendar);

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:calendar is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("cn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_calendar_that_is_not_defined_is_refused()
    {
        var error = Refused(p => p["calendar"] = "mars");

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:calendar names calendar 'mars'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_setting_is_refused_rather_than_ignored()
    {
        var error = Refused(p =>
        {
            p["defaultProfile"] = p["defaultProfiles"]!.DeepClone();
            p.Remove("defaultProfiles");
        });

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:defaultProfile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_profile_calendar_is_refused_rather_than_falling_back_to_the_default_calendar()
    {
        var error = Refused(p =>
        {
            p["profiles"]!["cfpb"]!["calender"] = "us";
            p["profiles"]!["cfpb"]!.AsObject().Remove("calendar");
        });

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profiles:cfpb:calender", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_window_setting_is_refused()
    {
        var error = Refused(p => p["profiles"]!["fca-disp"]!["clocks"]!["final-response"]!["holdingNoticeBefor"] = JsonNode.Parse("""{ "amount": 7, "unit": "calendarDays" }"""));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profiles:fca-disp:clocks:final-response:holdingNoticeBefor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_in_the_policy_file_are_allowed()
    {
        var policy = JsonNode.Parse(PolicyJson)!.AsObject();
        policy["_why"] = "kept for the reader";

        Assert.NotNull(DeadlineRules.Parse(policy.ToJsonString(), CalendarsJson));
    }
}
