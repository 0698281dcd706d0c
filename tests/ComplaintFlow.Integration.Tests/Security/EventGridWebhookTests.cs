using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// Abuse of the ACS Event Grid webhook (<c>POST /api/inbound/sms/acs?key=</c>): without the subscription's secret
/// nothing is accepted, not even the validation handshake; deliveries the subscription would never send are refused;
/// the validationUrl is never fetched; a replay is a no-op.
/// </summary>
public sealed class EventGridWebhookTests(EventGridWebhookTests.Host fixture) : IClassFixture<EventGridWebhookTests.Host>
{
    public sealed class Host : AppHostFixture
    {
        /// <summary>A listener standing in for Event Grid's validationUrl: it counts every request it gets.</summary>
        public WebApplication ValidationUrl { get; private set; } = null!;
        public int ValidationUrlHits;

        public override async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            ValidationUrl = builder.Build();
            ValidationUrl.Run(context =>
            {
                Interlocked.Increment(ref ValidationUrlHits);
                return Task.CompletedTask;
            });
            await ValidationUrl.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await ValidationUrl.DisposeAsync();
        }
    }

    private string ValidationUrl => fixture.ValidationUrl.Urls.First() + "/validate?id=1";

    private string Validation(string code) => $$"""
        {"id":"{{Guid.NewGuid()}}","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs","subject":"",
         "data":{"validationCode":"{{code}}","validationUrl":"{{ValidationUrl}}"},
         "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-03-02T01:00:00Z","metadataVersion":"1","dataVersion":"2"}
        """;

    private static string SmsReceived(string messageId, string eventType = "Microsoft.Communication.SMSReceived") => $$"""
        {"id":"{{Guid.NewGuid()}}","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
         "subject":"/phonenumber/8613800138200","eventType":"{{eventType}}","eventTime":"2026-03-02T01:15:06Z","dataVersion":"1.0","metadataVersion":"1",
         "data":{"MessageId":"{{messageId}}","From":"+8613800138200","To":"+18005550100","Message":"The water has been off since Monday.","ReceivedTimestamp":"2026-03-02T01:15:05Z"} }
        """;

    private static string NewMessageId() => "Incoming_" + Guid.NewGuid().ToString("N");

    private Task<HttpResponseMessage> DeliverAsync(string json, string? key = AppHost.AcsWebhookKey) =>
        fixture.App.Client.PostAsync(
            key is null ? "/api/inbound/sms/acs" : $"/api/inbound/sms/acs?key={Uri.EscapeDataString(key)}",
            new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, StoredFootprint before)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await StoredFootprint.OfAsync(fixture.App));
        Assert.Equal(0, fixture.ValidationUrlHits);
    }

    public static TheoryData<string?> WrongKeys() => [null, "", "wrong", AppHost.AcsWebhookKey + "x", AppHost.AcsWebhookKey.ToUpperInvariant()];

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task Validation_handshake_without_the_subscription_key_is_refused_with_401(string? key)
    {
        var before = await StoredFootprint.OfAsync(fixture.App);

        var response = await DeliverAsync($"[{Validation("512d38b6")}]", key);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, before);
        Assert.DoesNotContain("512d38b6", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task SMS_event_without_the_subscription_key_is_refused_with_401_and_stores_nothing(string? key)
    {
        var messageId = NewMessageId();
        var before = await StoredFootprint.OfAsync(fixture.App);

        var response = await DeliverAsync($"[{SmsReceived(messageId)}]", key);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, before);
        Assert.Null(await fixture.App.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, messageId), CancellationToken.None));
    }

    [Fact]
    public async Task Validation_handshake_with_the_key_echoes_the_code_and_never_fetches_the_validation_url()
    {
        var response = await DeliverAsync($"[{Validation("c0de-1234")}]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("c0de-1234", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationResponse").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1)); // a fetch would be fire-and-forget; give it the chance to show
        Assert.Equal(0, fixture.ValidationUrlHits);
    }

    [Fact]
    public async Task Validation_mixed_with_an_SMS_event_is_refused_and_the_SMS_is_not_recorded()
    {
        var messageId = NewMessageId();
        var before = await StoredFootprint.OfAsync(fixture.App);

        var response = await DeliverAsync($"[{SmsReceived(messageId)},{Validation("mixed")}]");

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, before);
        Assert.Equal("[1].eventType", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Null(await fixture.App.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, messageId), CancellationToken.None));
    }

    [Fact]
    public async Task Batch_larger_than_the_subscription_sends_is_refused_with_413()
    {
        var before = await StoredFootprint.OfAsync(fixture.App);
        var events = Enumerable.Range(0, InboundSmsAcsFunction.MaxEventsPerDelivery + 1)
            .Select(i => $$"""{"id":"{{i}}","eventType":"Microsoft.Communication.SMSReceived","data":{"MessageId":"m{{i}}","From":"+8613800138200","To":"+18005550100","Message":"x"} }""");

        var response = await DeliverAsync("[" + string.Join(',', events) + "]");

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, before);
    }

    [Fact]
    public async Task Empty_batch_is_refused_with_400()
    {
        var before = await StoredFootprint.OfAsync(fixture.App);

        await AssertRefusedAsync(await DeliverAsync("[]"), HttpStatusCode.BadRequest, before);
    }

    [Theory]
    [InlineData("Microsoft.Communication.IncomingCall")]
    [InlineData("Microsoft.Storage.BlobCreated")]
    public async Task Event_of_another_type_is_refused_and_nothing_in_its_delivery_is_recorded(string eventType)
    {
        var genuine = NewMessageId();
        var before = await StoredFootprint.OfAsync(fixture.App);

        var response = await DeliverAsync($"[{SmsReceived(genuine)},{SmsReceived(NewMessageId(), eventType)}]");

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, before);
        Assert.Equal("[1].eventType", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Null(await fixture.App.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, genuine), CancellationToken.None));
    }

    [Fact]
    public async Task Replayed_event_is_a_no_op()
    {
        var messageId = NewMessageId();
        var delivery = $"[{SmsReceived(messageId)}]";
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(delivery)).StatusCode);
        var id = ComplaintId.FromSource(Channel.Sms, messageId);

        var replay = await DeliverAsync(delivery);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("duplicate", (await replay.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        Assert.Single(await fixture.App.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.Received);
    }

    [Fact]
    public async Task Without_a_configured_key_the_webhook_answers_503_so_Event_Grid_retries_later()
    {
        await using var unconfigured = await AppHost.StartAsync(new Dictionary<string, string?> { ["ComplaintFlow:Sms:AcsWebhookKey"] = "" });

        var response = await unconfigured.Client.PostAsync("/api/inbound/sms/acs?key=", new StringContent($"[{Validation("x")}]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("ComplaintFlow:Sms:AcsWebhookKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
