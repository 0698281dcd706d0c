using System.Globalization;
using System.Text.Json;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>One event of an Event Grid delivery, as far as the SMS webhook cares.</summary>
public abstract record AcsEvent
{
    /// <summary>Event Grid's event id: the same on every redelivery of the event.</summary>
    public required string Id { get; init; }
    public required string EventType { get; init; }
    public DateTimeOffset? EventTime { get; init; }
}

/// <summary>The handshake Event Grid sends when the subscription is created; answer with <see cref="AcsEventGridParser.ValidationResponse"/>.</summary>
public sealed record AcsSubscriptionValidation : AcsEvent
{
    public required string ValidationCode { get; init; }
    public string? ValidationUrl { get; init; }
}

public sealed record AcsSmsReceived : AcsEvent
{
    public required InboundSms Sms { get; init; }
}

/// <summary>
/// ACS <c>SMSDeliveryReportReceived</c>: what became of a text we sent. <see cref="Report"/> is null when its tag names
/// no notice of ours (a text sent by someone else from the same resource).
/// </summary>
public sealed record AcsSmsDeliveryReport : AcsEvent
{
    public Notify.DeliveryReport? Report { get; init; }
}

/// <summary>An event type this webhook does not handle (other resources): refused.</summary>
public sealed record AcsOtherEvent : AcsEvent;

/// <summary>
/// Reads an Event Grid delivery to the ACS SMS webhook: a JSON array of events in the Event Grid schema
/// (<c>id</c>, <c>eventType</c>, <c>eventTime</c>, <c>data</c>). A single event object is accepted too. Member names of
/// <c>data</c> are read without regard to case, since ACS samples write both <c>From</c> and <c>from</c>.
/// </summary>
public sealed class AcsEventGridParser(IntakeOptions options)
{
    public const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";
    public const string SmsReceivedEventType = "Microsoft.Communication.SMSReceived";
    public const string DeliveryReportEventType = "Microsoft.Communication.SMSDeliveryReportReceived";

    /// <summary>The body that completes the subscription validation handshake.</summary>
    public static string ValidationResponse(string validationCode) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["validationResponse"] = validationCode });

    /// <exception cref="InboundPayloadException">The body is not an Event Grid delivery, or an SMS event lacks a field.</exception>
    public IReadOnlyList<AcsEvent> Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InboundPayloadException("body", $"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            IEnumerable<JsonElement> items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray(),
                JsonValueKind.Object => [root],
                _ => throw new InboundPayloadException("body", "The body must be a JSON array of Event Grid events."),
            };

            return [.. items.Select((item, index) => ReadChecked(item, $"[{index}]"))];
        }
    }

    private AcsEvent ReadChecked(JsonElement item, string path)
    {
        try
        {
            return Read(item, path);
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument accepts invalid UTF-8 and unpaired surrogate escapes inside strings; reading them throws.
            throw new InboundPayloadException(path, $"The event holds a string that is not valid Unicode (invalid UTF-8 or an unpaired \\u surrogate escape): {e.Message}");
        }
    }

    private AcsEvent Read(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InboundPayloadException(path, "Each event must be a JSON object.");
        }

        var id = Text(item, "id") ?? throw new InboundPayloadException($"{path}.id", "The event has no id.");
        // Event Grid schema says eventType/eventTime; the CloudEvents schema says type/time.
        var type = Text(item, "eventType") ?? Text(item, "type") ?? throw new InboundPayloadException($"{path}.eventType", "The event has no eventType.");
        var time = Time(Text(item, "eventTime") ?? Text(item, "time"));
        var data = Member(item, "data") is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;

        switch (type)
        {
            case ValidationEventType:
                var code = data is { } v ? Text(v, "validationCode") : null;
                return new AcsSubscriptionValidation
                {
                    Id = id,
                    EventType = type,
                    EventTime = time,
                    ValidationCode = code ?? throw new InboundPayloadException($"{path}.data.validationCode", "The validation event has no validationCode."),
                    ValidationUrl = data is { } u ? Text(u, "validationUrl") : null,
                };
            case SmsReceivedEventType:
                var sms = data ?? throw new InboundPayloadException($"{path}.data", "The SMSReceived event has no data.");
                string Required(string name) =>
                    Text(sms, name) ?? throw new InboundPayloadException($"{path}.data.{name}", $"The SMSReceived event has no {name}.");
                var parties = SmsNumbers.Read(Required("from"), Required("to"), options);
                return new AcsSmsReceived
                {
                    Id = id,
                    EventType = type,
                    EventTime = time,
                    Sms = new InboundSms
                    {
                        Provider = SmsProvider.Acs,
                        MessageId = Required("messageId"),
                        From = parties.From,
                        FromIsE164 = parties.FromIsE164,
                        To = parties.To,
                        Body = (Text(sms, "message") ?? string.Empty).Trim(),
                        ReceivedAt = Time(Text(sms, "receivedTimestamp")) ?? time,
                    },
                };
            case DeliveryReportEventType:
                return new AcsSmsDeliveryReport { Id = id, EventType = type, EventTime = time, Report = data is { } report ? ReportOf(report, time) : null };
            default:
                return new AcsOtherEvent { Id = id, EventType = type, EventTime = time };
        }
    }

    /// <summary>
    /// <c>data</c> of a delivery report: <c>messageId</c>, <c>deliveryStatus</c> (<c>Delivered</c>, <c>Failed</c>...),
    /// <c>deliveryStatusDetails</c>, <c>receivedTimestamp</c> and the <c>tag</c> we sent it with
    /// (<c>{complaintId}|{notificationId}</c>). Statuses on the way (none are documented besides these) say nothing.
    /// </summary>
    private static Notify.DeliveryReport? ReportOf(JsonElement data, DateTimeOffset? eventTime)
    {
        var tag = Text(data, "tag")?.Split('|');
        var outcome = Text(data, "deliveryStatus")?.ToUpperInvariant() switch
        {
            "DELIVERED" => Notify.DeliveryOutcome.Delivered,
            "FAILED" or "UNDELIVERED" or "EXPIRED" => Notify.DeliveryOutcome.Undelivered,
            _ => (Notify.DeliveryOutcome?)null,
        };
        if (tag is not [{ Length: > 0 } complaintId, { Length: > 0 } notificationId] || outcome is not { } known || Text(data, "messageId") is not { } messageId)
        {
            return null;
        }

        var details = Text(data, "deliveryStatusDetails");
        return new Notify.DeliveryReport
        {
            ComplaintId = complaintId,
            NotificationId = notificationId,
            EventId = $"acs:{messageId}:{known}",
            Outcome = known,
            Reason = known == Notify.DeliveryOutcome.Delivered ? null : $"{Text(data, "deliveryStatus")}: {details ?? "no details"}",
            At = Time(Text(data, "receivedTimestamp")) ?? eventTime ?? DateTimeOffset.UnixEpoch,
        };
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
