using System.Text.Json.Nodes;
using ComplaintFlow.Core.Deadlines;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>A weekday may keep shorter hours (Friday closing at 16:00); make-up days keep the usual hours.</summary>
public sealed class WorkingHoursByDayTests
{
    /// <summary>The shipped calendars with one calendar changed.</summary>
    private static DeadlineRules CalendarsWith(string id, Action<JsonObject> change)
    {
        var file = JsonNode.Parse(CalendarsJson)!.AsObject();
        change(file["calendars"]!.AsArray().Single(c => (string?)c!["id"] == id)!.AsObject());
        return DeadlineRules.Parse(PolicyJson, file.ToJsonString());
    }

    private static BusinessCalendar ShortFridays(string id) =>
        CalendarsWith(id, c => c["hoursByDay"] = JsonNode.Parse("""{ "Friday": { "opens": "09:00", "closes": "16:00" } }""")).Calendar(id);

    [Fact]
    public void Close_of_business_on_a_short_Friday_is_its_own_closing_time()
    {
        var england = ShortFridays("gb");

        Assert.Equal("2026-03-06 16:00 +00:00", Show(england, england.EndOfBusinessDay(Local(england, "2026-03-05 11:00"), 1)));
        Assert.Equal("2026-03-05 17:30 +00:00", Show(england, england.EndOfBusinessDay(Local(england, "2026-03-04 11:00"), 1)));
    }

    [Fact]
    public void Business_hours_stop_at_the_short_Friday_close_and_resume_on_Monday()
    {
        var england = ShortFridays("gb");
        var fridayAfternoon = Local(england, "2026-03-06 15:00");

        Assert.Equal("2026-03-09 10:00 +00:00", Show(england, england.AddBusinessTime(fridayAfternoon, TimeSpan.FromHours(2))));
        Assert.Equal(TimeSpan.FromHours(7), england.BusinessTimeBetween(Local(england, "2026-03-06 08:00"), Local(england, "2026-03-07 08:00")));
    }

    [Fact]
    public void A_business_day_landing_after_the_short_Friday_close_ends_at_that_close()
    {
        var england = ShortFridays("gb");

        Assert.Equal("2026-03-06 16:00 +00:00", Show(england, england.AddBusinessDays(Local(england, "2026-03-05 17:00"), 1)));
    }

    [Fact]
    public void A_make_up_Saturday_keeps_the_usual_hours()
    {
        var china = ShortFridays("cn");

        Assert.Equal("2026-02-13 16:00 +08:00", Show(china, china.EndOfBusinessDay(Local(china, "2026-02-12 10:00"), 1)));
        Assert.Equal("2026-02-14 18:00 +08:00", Show(china, china.EndOfBusinessDay(Local(china, "2026-02-13 10:00"), 1)));
    }

    [Fact]
    public void Hours_for_a_day_the_calendar_does_not_work_are_refused()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() =>
            CalendarsWith("gb", c => c["hoursByDay"] = JsonNode.Parse("""{ "Saturday": { "opens": "10:00", "closes": "14:00" } }""")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Calendars:gb:hoursByDay:Saturday", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_that_closes_before_it_opens_is_refused()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() =>
            CalendarsWith("gb", c => c["hoursByDay"] = JsonNode.Parse("""{ "Friday": { "opens": "16:00", "closes": "09:00" } }""")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Calendars:gb:hoursByDay:Friday:closes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_calendar_setting_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => CalendarsWith("cn", c =>
        {
            c["makeUpDay"] = c["makeUpDays"]!.DeepClone();
            c.Remove("makeUpDays");
        }));

        Assert.StartsWith("ComplaintFlow:Deadlines:Calendars:cn:makeUpDay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_calendars_with_the_same_id_are_refused()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => CalendarsWith("gb", c => c["id"] = "us"));

        Assert.StartsWith("ComplaintFlow:Deadlines:Calendars:us:id", error.Message, StringComparison.Ordinal);
    }
}
