using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>The desk's dates: written by the customers' formatter, in the staff member's language and the desk's zone.</summary>
public sealed class DeskTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static JsonObject ViewOf(Complaint complaint) =>
        (JsonObject)JsonSerializer.SerializeToNode(
            ComplaintView.Of(new VersionedComplaint(complaint, "1"), [], PortalOptions.DefaultRootCauses, DeskFixtures.Received.AddHours(1)), ComplaintJson.Options)!;

    private static string TextOf(JsonObject answer, string instant) => answer[DeskTime.TextsProperty]![instant]!.GetValue<string>();

    [Fact]
    public void Every_date_of_a_complaint_page_is_written_in_Chinese_in_Beijing_time_with_the_zone_named()
    {
        var complaint = DeskFixtures.OpenComplaint() with { ReceivedAt = new DateTimeOffset(2026, 12, 7, 9, 18, 0, TimeSpan.Zero) };
        var answer = (JsonObject)DeskTime.AddTexts(ViewOf(complaint), SupportedLanguages.SimplifiedChinese, Shanghai);

        var received = answer["receivedAt"]!.GetValue<string>();
        Assert.Equal("2026年12月7日 17:18（北京时间）", TextOf(answer, received));

        // Each clock's due date has its text too, in the same words as the customers' letters use.
        Assert.NotEmpty(answer["clocks"]!.AsArray());
        foreach (var clock in answer["clocks"]!.AsArray())
        {
            var due = clock!["dueAt"]!.GetValue<string>();
            Assert.Equal(CustomerTime.Format(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), "zh-Hans", Shanghai), TextOf(answer, due));
            Assert.EndsWith("（北京时间）", TextOf(answer, due), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_English_desk_in_London_names_GMT_and_writes_the_month_so_the_date_cannot_be_misread()
    {
        var complaint = DeskFixtures.OpenComplaint() with { ReceivedAt = new DateTimeOffset(2026, 12, 7, 9, 18, 0, TimeSpan.Zero) };
        var answer = (JsonObject)DeskTime.AddTexts(ViewOf(complaint), SupportedLanguages.English, London);

        Assert.Equal("7 Dec 2026, 09:18 GMT", TextOf(answer, answer["receivedAt"]!.GetValue<string>()));
        Assert.Equal("7 Dec 2026, 17:18 China Standard Time", CustomerTime.Format(complaint.ReceivedAt, "en", Shanghai));
    }

    [Fact]
    public void A_customer_s_words_stay_as_written_and_only_whole_instants_are_read_as_dates()
    {
        var complaint = DeskFixtures.OpenComplaint() with { Text = "Charged on 2026-03-01, again 2026-03-02T10:00." };
        var answer = (JsonObject)DeskTime.AddTexts(ViewOf(complaint), SupportedLanguages.English, London);

        Assert.Equal("Charged on 2026-03-01, again 2026-03-02T10:00.", answer["text"]!.GetValue<string>());
        Assert.DoesNotContain(answer[DeskTime.TextsProperty]!.AsObject(), pair => pair.Key.Contains("Charged", StringComparison.Ordinal));
    }

    [Fact]
    public void An_instant_inside_an_event_s_text_gets_its_text_too()
    {
        var answer = new JsonObject { ["timeline"] = new JsonArray(new JsonObject { ["data"] = new JsonObject { ["internal:resolve"] = "due 2026-12-07T09:18:00.0000000+00:00 (was 2026-12-10T01:00:00.0000000+00:00)" } }) };
        DeskTime.AddTexts(answer, SupportedLanguages.TraditionalChinese, Shanghai);

        Assert.Equal("2026年12月7日 17:18（北京時間）", TextOf(answer, "2026-12-07T09:18:00.0000000+00:00"));
        Assert.Equal("2026年12月10日 09:00（北京時間）", TextOf(answer, "2026-12-10T01:00:00.0000000+00:00"));
    }
}
