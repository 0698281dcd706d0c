using System.Globalization;
using System.Text.Json;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// Reads SendGrid's Event Webhook (a JSON array of events). Each event echoes the custom args the notice was sent
/// with (<c>complaintId</c>, <c>notificationId</c>); an event without them is not ours and is skipped, as are the
/// kinds that say nothing about delivery (processed, open, click, unsubscribe...).
/// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
/// </summary>
public static class SendGridDeliveryEvents
{
    /// <exception cref="JsonException">The body is not a JSON array of objects.</exception>
    public static IReadOnlyList<DeliveryReport> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("SendGrid posts a JSON array of events.");
        }

        var reports = new List<DeliveryReport>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && ReportOf(item) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    private static DeliveryReport? ReportOf(JsonElement e)
    {
        var outcome = (Text(e, "event"), Text(e, "type")) switch
        {
            ("delivered", _) => DeliveryOutcome.Delivered,
            ("deferred", _) => DeliveryOutcome.Deferred,
            ("bounce", "blocked") => DeliveryOutcome.Blocked,
            ("bounce", _) => DeliveryOutcome.Bounced,
            ("dropped", _) => DeliveryOutcome.Dropped,
            ("spamreport", _) => DeliveryOutcome.SpamReport,
            _ => (DeliveryOutcome?)null,
        };
        if (outcome is not { } known || Text(e, "complaintId") is not { } complaintId || Text(e, "notificationId") is not { } notificationId)
        {
            return null;
        }

        var at = e.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UnixEpoch;
        return new DeliveryReport
        {
            ComplaintId = complaintId,
            NotificationId = notificationId,
            // sg_event_id is unique per event; without it the event's own content identifies a repeat.
            EventId = Text(e, "sg_event_id") ?? $"sendgrid:{Text(e, "event")}:{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}",
            Outcome = known,
            Reason = Text(e, "reason") ?? Text(e, "response"),
            At = at,
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

/// <summary>
/// Reads Twilio's message status callback (form fields <c>MessageSid</c>, <c>MessageStatus</c>, <c>ErrorCode</c>). The
/// notice is named by the query of the StatusCallback URL the text was sent with; only the final statuses are
/// reports (queued, sending and sent are steps on the way).
/// https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
/// </summary>
public static class TwilioDeliveryEvents
{
    public const string ComplaintIdParameter = "complaintId";
    public const string NotificationIdParameter = "notificationId";

    public static DeliveryReport? Parse(IReadOnlyDictionary<string, string> form, IReadOnlyDictionary<string, string> query, DateTimeOffset receivedAt)
    {
        var outcome = Value(form, "MessageStatus") switch
        {
            "delivered" => DeliveryOutcome.Delivered,
            "undelivered" or "failed" => DeliveryOutcome.Undelivered,
            _ => (DeliveryOutcome?)null,
        };
        if (outcome is not { } known
            || Value(form, "MessageSid") is not { } sid
            || Value(query, ComplaintIdParameter) is not { } complaintId
            || Value(query, NotificationIdParameter) is not { } notificationId)
        {
            return null;
        }

        var status = Value(form, "MessageStatus")!;
        var error = Value(form, "ErrorCode");
        return new DeliveryReport
        {
            ComplaintId = complaintId,
            NotificationId = notificationId,
            EventId = $"twilio:{sid}:{status}",
            Outcome = known,
            Reason = error is null ? (known == DeliveryOutcome.Delivered ? null : status) : $"{status}, Twilio error {error}",
            At = receivedAt,
        };
    }

    private static string? Value(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
