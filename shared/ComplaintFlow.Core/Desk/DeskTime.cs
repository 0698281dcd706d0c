using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// Dates on the desk: every instant a desk answer carries is also written out, by the same <see cref="CustomerTime"/>
/// that writes customers' dates, in the staff member's language and the desk's zone with the zone named
/// ("7 Dec 2026, 17:18 China Standard Time", "2026年12月7日 17:18（北京时间）"). The pages show these texts and never
/// format a date themselves, so the desk has one date format, the one customers get.
/// </summary>
public static partial class DeskTime
{
    /// <summary>The property of a desk answer that maps each instant (as serialised) to its text.</summary>
    public const string TextsProperty = "dateTexts";

    /// <summary>
    /// Adds <see cref="TextsProperty"/> to <paramref name="answer"/> (a JSON object): for each ISO 8601 instant found
    /// anywhere in it (a date field, or an instant inside an event's text such as "due 2026-12-07T09:18:00+00:00"),
    /// its text. The answer's own strings are never changed, so a customer's words stay exactly as they wrote them.
    /// </summary>
    public static JsonNode AddTexts(JsonNode answer, string language, TimeZoneInfo zone)
    {
        if (answer is not JsonObject root)
        {
            return answer;
        }

        var texts = new JsonObject();
        foreach (var value in Strings(root))
        {
            foreach (Match match in Instant().Matches(value))
            {
                if (!texts.ContainsKey(match.Value)
                    && DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                {
                    texts[match.Value] = CustomerTime.Format(at, language, zone);
                }
            }
        }

        root[TextsProperty] = texts;
        return root;
    }

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    foreach (var s in Strings(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in Strings(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return text;
                break;
        }
    }

    // An instant as System.Text.Json (or "o") writes a DateTimeOffset: date, time, optional fraction, an offset or Z.
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex Instant();
}
