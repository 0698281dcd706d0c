using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// A customer who texts our ACS number is answered from it, through ACS (the ACS fake checks the HMAC signature and
/// records from, to and text), never through Twilio; HELP gets one answer however often Event Grid delivers it; ACS's
/// delivery reports are recorded on the notice, and a failed one marks the customer not reached.
/// </summary>
public sealed class AcsRepliesTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> EventGridAsync(string json) =>
        _host.Client.PostAsync($"/api/inbound/sms/acs?key={AppHost.AcsWebhookKey}", new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Received(string messageId, string from, string text) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["id"] = "evt-" + messageId,
            ["topic"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
            ["subject"] = "/phonenumber/" + from.TrimStart('+'),
            ["eventType"] = "Microsoft.Communication.SMSReceived",
            ["eventTime"] = "2026-12-07T01:15:06Z",
            ["dataVersion"] = "1.0",
            ["metadataVersion"] = "1",
            ["data"] = new Dictionary<string, string> { ["MessageId"] = messageId, ["From"] = from, ["To"] = AppHost.AcsNumber, ["Message"] = text, ["ReceivedTimestamp"] = "2026-12-07T01:15:05Z" },
        },
    });

    private static string DeliveryReport(Fakes.Acs.AcsFakeMessage sent, string status, string details) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["id"] = "report-" + sent.MessageId + status,
            ["topic"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
            ["subject"] = "/phonenumber/" + sent.To.TrimStart('+'),
            ["eventType"] = "Microsoft.Communication.SMSDeliveryReportReceived",
            ["eventTime"] = "2026-12-07T01:16:00Z",
            ["dataVersion"] = "1.0",
            ["metadataVersion"] = "1",
            ["data"] = new Dictionary<string, object>
            {
                ["MessageId"] = sent.MessageId,
                ["From"] = sent.From,
                ["To"] = sent.To,
                ["DeliveryStatus"] = status,
                ["DeliveryStatusDetails"] = details,
                ["ReceivedTimestamp"] = "2026-12-07T01:15:59Z",
                ["Tag"] = sent.Tag ?? string.Empty,
            },
        },
    });

    private Task<IReadOnlyList<Fakes.Acs.AcsFakeMessage>> AcsTextsToAsync(string number, int count) =>
        AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.Acs.AcsFakeMessage>?>(_host.AcsTexts.Messages.Where(m => m.To == number).ToList()),
            list => list?.Count >= count,
            $"{count} ACS text(s) to the customer",
            TimeSpan.FromSeconds(90))!;

    [Fact]
    public async Task A_customer_who_texted_the_ACS_number_is_acknowledged_from_it_through_ACS_and_a_failed_delivery_marks_them_not_reached()
    {
        const string Customer = "+8613800138041";
        Assert.Equal(HttpStatusCode.OK, (await EventGridAsync(Received("Incoming_acs_41", Customer, "宽带已经断了三天，客服电话一直打不通。"))).StatusCode);

        var acknowledgement = Assert.Single(await AcsTextsToAsync(Customer, 1));
        var id = ComplaintId.FromSource(Channel.Sms, "Incoming_acs_41");
        Assert.Equal(AppHost.AcsNumber, acknowledgement.From);
        Assert.Contains(ComplaintId.ToReference(id), acknowledgement.Message, StringComparison.Ordinal);
        Assert.Equal($"{id}|{id}-acknowledgement-sms-1", acknowledgement.Tag);
        Assert.DoesNotContain(_host.Texts.Messages, m => m.To == Customer);
        var sent = await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the acknowledgement recorded sent",
            TimeSpan.FromSeconds(30));
        Assert.Equal(acknowledgement.MessageId, sent!.Notifications.Single().ProviderMessageId);

        var report = DeliveryReport(acknowledgement, "Failed", "Message failed to deliver: the number is not reachable.");
        Assert.Equal("recorded", (await (await EventGridAsync(report)).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, (await EventGridAsync(report)).StatusCode);

        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        var notice = complaint.Notifications.Single();
        Assert.Equal(NotificationStatus.Failed, notice.Status);
        Assert.Equal("undelivered: Failed: Message failed to deliver: the number is not reachable.", notice.Reason);
        Assert.Null(complaint.AcknowledgedAt);
        Assert.True(complaint.CustomerNotReached());
        Assert.Single(await _host.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.NotReached);
    }

    [Fact]
    public async Task A_delivered_report_from_ACS_is_recorded_on_the_notice()
    {
        const string Customer = "+8613800138042";
        await EventGridAsync(Received("Incoming_acs_42", Customer, "The engineer never came and nobody called."));
        var acknowledgement = Assert.Single(await AcsTextsToAsync(Customer, 1));
        var id = ComplaintId.FromSource(Channel.Sms, "Incoming_acs_42");
        await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the acknowledgement recorded sent",
            TimeSpan.FromSeconds(30));

        await EventGridAsync(DeliveryReport(acknowledgement, "Delivered", "No error."));

        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal((NotificationStatus.Delivered, "delivered"), (complaint.Notifications.Single().Status, complaint.Notifications.Single().Delivery));
        Assert.False(complaint.CustomerNotReached());
    }

    [Fact]
    public async Task HELP_texted_to_the_ACS_number_is_answered_once_through_ACS_in_the_customers_script_however_often_Event_Grid_delivers_it()
    {
        const string Customer = "+85291234567";
        var help = Received("Incoming_acs_43", Customer, "幫助");

        Assert.Equal("help", (await (await EventGridAsync(help)).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, (await EventGridAsync(help)).StatusCode);

        var answer = Assert.Single(await AcsTextsToAsync(Customer, 1));
        Assert.Equal(AppHost.AcsNumber, answer.From);
        Assert.Contains("投訴請直接回覆短訊", answer.Message, StringComparison.Ordinal);
        Assert.Single(_host.AcsTexts.Messages, m => m.To == Customer);
        Assert.DoesNotContain(_host.Texts.Messages, m => m.To == Customer);
    }
}
