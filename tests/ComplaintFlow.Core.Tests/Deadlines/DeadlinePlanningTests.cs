using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Triage;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>Every complaint gets its internal clocks and the statutory clocks of its profiles the day it arrives.</summary>
public sealed class DeadlinePlanningTests
{
    private static readonly DateTimeOffset MondayMorningShanghai = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    internal static Complaint ComplaintAt(DateTimeOffset received, Channel channel = Channel.Web) => new()
    {
        Id = "ABCDEFGHJK",
        Channel = channel,
        ReceivedAt = received,
        Contact = new ContactDetails { Email = "a@example.com" },
        Text = "text",
        Language = "zh-Hans",
        SourceMessageId = "s",
    };

    internal static TriageResult Triaged(Priority priority, string category = "billing") => new()
    {
        Priority = priority,
        Urgency = 10,
        PrimaryCategory = category,
        Categories = [category],
        Sentiment = new SentimentResult { DocumentId = "x", Label = SentimentLabel.Negative, Positive = 0, Neutral = 0, Negative = 1, Analyzer = "test" },
    };

    [Fact]
    public void P2_billing_complaint_gets_internal_clocks_and_the_retail_24_hour_reply()
    {
        var planner = new DeadlinePlanner(DeadlineRules.Parse(PolicyJson, CalendarsJson));

        var deadlines = planner.Plan(ComplaintAt(MondayMorningShanghai), Triaged(Priority.P2));

        var internalClocks = deadlines.Where(d => d.Clock == DeadlineKinds.InternalClock).ToDictionary(d => d.Kind);
        Assert.Equal(MondayMorningShanghai.AddHours(24), internalClocks["acknowledge"].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(8)), internalClocks["first-response"].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)), internalClocks["resolve"].DueAt);
        Assert.All(internalClocks.Values, d => Assert.True(d.Pausable));
        var reply = Assert.Single(deadlines, d => d.Clock == "retail-24h");
        Assert.False(reply.Pausable);
        Assert.Equal(MondayMorningShanghai.AddHours(24), reply.DueAt);
    }

    [Fact]
    public void Outage_complaint_carries_the_95598_clocks_and_a_tighter_first_response()
    {
        var planner = new DeadlinePlanner(DeadlineRules.Parse(PolicyJson, CalendarsJson));

        var deadlines = planner.Plan(ComplaintAt(MondayMorningShanghai), Triaged(Priority.P3, "outage"));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)),
            deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == "first-response").DueAt);
        var power = deadlines.Where(d => d.Clock == "power-95598").ToDictionary(d => d.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(8)), power["contact"].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(8)), power["reply"].DueAt);
        Assert.Contains(deadlines, d => d.Clock == "retail-24h");
    }

    [Fact]
    public void Fca_and_cfpb_profiles_give_their_statutory_windows()
    {
        var rules = RulesWith(p => p["defaultProfiles"] = new JsonArray("fca-disp", "fca-payments", "cfpb", "miit-telecom"));
        var received = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero); // Monday, London (GMT)

        var deadlines = new DeadlinePlanner(rules).Plan(ComplaintAt(received), Triaged(Priority.P3));

        DateTimeOffset Due(string clock, string kind) => deadlines.Single(d => d.Clock == clock && d.Kind == kind).DueAt;
        Assert.Equal(["final-response"], deadlines.Where(d => d.Clock == "fca-disp").Select(d => d.Kind));
        Assert.Equal(new DateTimeOffset(2026, 4, 27, 10, 0, 0, TimeSpan.FromHours(1)), Due("fca-disp", "final-response"));
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 17, 30, 0, TimeSpan.Zero), Due("fca-payments", "final-response")); // close of the 15th business day
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 5, 0, 0, TimeSpan.FromHours(-4)), Due("cfpb", "initial-response"));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 5, 0, 0, TimeSpan.FromHours(-4)), Due("cfpb", "final-response"));
        Assert.Equal(received.AddDays(15), Due("miit-telecom", "reply"));
    }

    [Theory]
    [InlineData("internal", "P5", "{\"acknowledge\":{\"amount\":1,\"unit\":\"hours\"}}", "ComplaintFlow:Deadlines:Policy:internal:P5")]
    [InlineData("internal", "P1", "{\"acknowledge\":{\"amount\":-2,\"unit\":\"hours\"}}", "ComplaintFlow:Deadlines:Policy:internal:P1:acknowledge:amount")]
    [InlineData("internal", "P1", "{\"acknowledge\":{\"amount\":2,\"unit\":\"fortnights\"}}", "ComplaintFlow:Deadlines:Policy:internal:P1:acknowledge:unit")]
    public void Invalid_policy_stops_the_app_with_a_message_naming_the_key(string section, string key, string value, string expectedKey)
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p[section]![key] = JsonNode.Parse(value)));

        Assert.Contains(expectedKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_on_an_unknown_calendar_is_refused()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p["profiles"]!["cfpb"]!["calendar"] = "mars"));

        Assert.Contains("ComplaintFlow:Deadlines:Policy:profiles:cfpb:calendar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_time_zone_is_refused_naming_the_calendar()
    {
        var calendars = CalendarsJson.Replace("\"Europe/London\"", "\"Europe/Atlantis\"", StringComparison.Ordinal);

        var error = Assert.Throws<DeadlinePolicyException>(() => DeadlineRules.Parse(PolicyJson, calendars));

        Assert.Contains("ComplaintFlow:Deadlines:Calendars:gb:timeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_holidays_are_refused_naming_both()
    {
        var calendars = CalendarsJson.Replace("\"from\": \"2026-04-04\", \"to\": \"2026-04-06\"", "\"from\": \"2026-04-04\", \"to\": \"2026-05-02\"", StringComparison.Ordinal);

        var error = Assert.Throws<DeadlinePolicyException>(() => DeadlineRules.Parse(PolicyJson, calendars));

        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComplaintFlow:Deadlines:Calendars:cn:holidays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_up_day_that_is_also_a_holiday_is_refused()
    {
        var calendars = CalendarsJson.Replace("\"2026-01-04\"", "\"2026-01-02\"", StringComparison.Ordinal);

        Assert.Throws<DeadlinePolicyException>(() => DeadlineRules.Parse(PolicyJson, calendars));
    }
}
