using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class AcsEventGridTests
{
    private static readonly AcsEventGridParser Parser = new(new IntakeOptions { DefaultPhoneRegion = "CN" });

    private static IReadOnlyList<AcsEvent> Parse(string json) => Parser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_subscription_validation_handshake_is_answered_with_its_code()
    {
        const string delivery = """
            [{
              "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
              "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cf/providers/Microsoft.Communication/CommunicationServices/acs-cf",
              "subject": "",
              "data": {
                "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
                "validationUrl": "https://rp-eastasia.eventgrid.azure.net:553/eventsubscriptions/sms/validate?id=512d38b6&t=2026-03-02T01:30:00Z"
              },
              "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
              "eventTime": "2026-03-02T01:30:00.9346328Z",
              "metadataVersion": "1",
              "dataVersion": "2"
            }]
            """;

        var validation = Assert.IsType<AcsSubscriptionValidation>(Assert.Single(Parse(delivery)));
        using var answer = JsonDocument.Parse(AcsEventGridParser.ValidationResponse(validation.ValidationCode));

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", answer.RootElement.GetProperty("validationResponse").GetString());
        Assert.StartsWith("https://rp-eastasia.eventgrid.azure.net", validation.ValidationUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void Received_texts_are_read_and_other_event_types_passed_over()
    {
        const string delivery = """
            [{
              "id": "Incoming_20260302013000d29ebbea-3341-4466-9690-0a03af35228e",
              "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cf/providers/microsoft.communication/communicationservices/acs-cf",
              "subject": "/phonenumber/8613800138000",
              "data": {
                "MessageId": "Incoming_20260302013000d29ebbea-3341-4466-9690-0a03af35228e",
                "From": "+8613800138000",
                "To": "+18445550123",
                "Message": "电表读数不对，多收了两百元。",
                "ReceivedTimestamp": "2026-03-02T01:30:00.32Z"
              },
              "eventType": "Microsoft.Communication.SMSReceived",
              "dataVersion": "1.0",
              "metadataVersion": "1",
              "eventTime": "2026-03-02T01:30:02Z"
            },
            {
              "id": "Outgoing_202603020131_1",
              "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cf/providers/microsoft.communication/communicationservices/acs-cf",
              "subject": "/phonenumber/18445550123",
              "data": { "MessageId": "Outgoing_202603020131_1", "From": "+18445550123", "To": "+8613800138000", "DeliveryStatus": "Delivered" },
              "eventType": "Microsoft.Communication.SMSDeliveryReportReceived",
              "dataVersion": "1.0",
              "metadataVersion": "1",
              "eventTime": "2026-03-02T01:31:00Z"
            }]
            """;

        var events = Parse(delivery);

        var received = Assert.IsType<AcsSmsReceived>(events[0]);
        Assert.Equal(SmsProvider.Acs, received.Sms.Provider);
        Assert.Equal("Incoming_20260302013000d29ebbea-3341-4466-9690-0a03af35228e", received.Sms.MessageId);
        Assert.Equal("+8613800138000", received.Sms.From);
        Assert.Equal("+18445550123", received.Sms.To);
        Assert.Equal("电表读数不对，多收了两百元。", received.Sms.Body);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 30, 0, 320, TimeSpan.Zero), received.Sms.ReceivedAt);
        Assert.Equal("Microsoft.Communication.SMSDeliveryReportReceived", Assert.IsType<AcsSmsDeliveryReport>(events[1]).EventType);
    }

    [Fact]
    public void Lower_case_members_and_numbers_without_plus_are_read_too()
    {
        const string delivery = """
            [{"id":"e1","eventType":"Microsoft.Communication.SMSReceived","eventTime":"2026-03-02T01:30:02Z",
              "data":{"messageId":"m1","from":"14255550123","to":"18445550123","message":"Meter read twice","receivedTimestamp":"2026-03-02T01:30:00Z"}}]
            """;

        var sms = Assert.IsType<AcsSmsReceived>(Assert.Single(Parse(delivery))).Sms;

        Assert.Equal("+14255550123", sms.From);
        Assert.Equal("m1", sms.MessageId);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("42", "body")]
    [InlineData("[{}]", "[0].id")]
    [InlineData("""[{"id":"e1"}]""", "[0].eventType")]
    [InlineData("""[{"id":"e1","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{}}]""", "[0].data.validationCode")]
    [InlineData("""[{"id":"e1","eventType":"Microsoft.Communication.SMSReceived","data":{"messageId":"m1","to":"+18445550123","message":"hi"}}]""", "[0].data.from")]
    [InlineData("[{\"id\":\"e1\",\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"messageId\":\" \\t \",\"from\":\"+8613800138000\",\"to\":\"+18445550123\",\"message\":\"hi\"}}]", "[0].data.messageId")]
    public void A_malformed_delivery_is_refused_naming_the_member(string json, string field) =>
        Assert.Equal(field, Assert.Throws<InboundPayloadException>(() => Parse(json)).Field);

    [Theory]
    [InlineData("\"message\":\"\\udfff\"")]
    [InlineData("\"message\":\"caf\u00ff\"")]
    [InlineData("\"fr\u00ffom\":\"+8613800138000\"")]
    public void Event_holding_invalid_unicode_is_refused_naming_the_event(string member)
    {
        // Found by the fuzz test: JsonDocument accepts these strings and reading them threw, answering 500.
        var json = "[{\"id\":\"1\",\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"messageId\":\"m\",\"from\":\"+8613800138000\",\"to\":\"+18445550123\"," + member + "}}]";
        var bytes = Encoding.Latin1.GetBytes(json);

        var refused = Assert.Throws<InboundPayloadException>(() => Parser.Parse(bytes));

        Assert.Equal("[0]", refused.Field);
        Assert.Contains("not valid Unicode", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_report_names_the_notice_from_its_tag_and_a_failure_keeps_the_carriers_details()
    {
        const string delivery = """
            [{
              "id": "report-1",
              "topic": "/subscriptions/x/resourceGroups/rg-cf/providers/Microsoft.Communication/CommunicationServices/acs-cf",
              "subject": "/phonenumber/8613800138000",
              "data": {
                "MessageId": "Outgoing_20261207011500abc",
                "From": "+18005550100",
                "To": "+8613800138000",
                "DeliveryStatus": "Failed",
                "DeliveryStatusDetails": "Message failed to deliver: unreachable.",
                "DeliveryAttempts": [{ "Timestamp": "2026-12-07T01:15:58Z", "SegmentsSucceeded": 0, "SegmentsFailed": 1 }],
                "ReceivedTimestamp": "2026-12-07T01:15:59Z",
                "Tag": "0A1B2C3D4E|0A1B2C3D4E-acknowledgement-sms-1"
              },
              "eventType": "Microsoft.Communication.SMSDeliveryReportReceived",
              "eventTime": "2026-12-07T01:16:00Z",
              "metadataVersion": "1",
              "dataVersion": "1.0"
            },
            {
              "id": "report-2",
              "data": { "MessageId": "Outgoing_other", "DeliveryStatus": "Delivered", "Tag": "marketing" },
              "eventType": "Microsoft.Communication.SMSDeliveryReportReceived",
              "eventTime": "2026-12-07T01:16:00Z"
            }]
            """;

        var events = Parse(delivery);

        var report = Assert.IsType<AcsSmsDeliveryReport>(events[0]).Report!;
        Assert.Equal(("0A1B2C3D4E", "0A1B2C3D4E-acknowledgement-sms-1"), (report.ComplaintId, report.NotificationId));
        Assert.Equal(Core.Notify.DeliveryOutcome.Undelivered, report.Outcome);
        Assert.Equal("Failed: Message failed to deliver: unreachable.", report.Reason);
        Assert.Equal("acs:Outgoing_20261207011500abc:Undelivered", report.EventId);
        Assert.Null(Assert.IsType<AcsSmsDeliveryReport>(events[1]).Report);
    }
}
