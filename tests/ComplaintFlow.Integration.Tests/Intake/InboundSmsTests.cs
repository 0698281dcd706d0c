using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// The SMS webhooks through the running app: Twilio posts composed and signed as Twilio documents them, ACS events
/// in the Event Grid schema, and acknowledgements arriving at the local Twilio Messages API fake.
/// </summary>
public sealed class InboundSmsTests : IAsyncLifetime
{
    private const string TwilioUrl = "http://complaints.test/api/inbound/sms/twilio";
    private AppHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development", ["ComplaintFlow:Intake:AcceptFictionalNumbers"] = "true" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string> TwilioForm(string from, string body, string sid) => new()
    {
        ["ToCountry"] = "US",
        ["ToState"] = "CA",
        ["SmsMessageSid"] = sid,
        ["NumMedia"] = "0",
        ["ToCity"] = "SAN FRANCISCO",
        ["FromZip"] = string.Empty,
        ["SmsSid"] = sid,
        ["FromState"] = string.Empty,
        ["SmsStatus"] = "received",
        ["FromCity"] = string.Empty,
        ["Body"] = body,
        ["FromCountry"] = "CN",
        ["To"] = AppHost.TwilioNumber,
        ["ToZip"] = "94105",
        ["NumSegments"] = "1",
        ["MessageSid"] = sid,
        ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
        ["From"] = from,
        ["ApiVersion"] = "2010-04-01",
    };

    private Task<HttpResponseMessage> TextAsync(Dictionary<string, string> form, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature(TwilioUrl, form));
        return _host.Client.SendAsync(request);
    }

    private async Task<Complaint> ComplaintFromAsync(string sid) =>
        (await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the SMS complaint and its acknowledgement",
            TimeSpan.FromSeconds(90)))!;

    private Task<IReadOnlyList<Fakes.Twilio.TwilioFakeMessage>> TextsToAsync(string number, int count) =>
        AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.Twilio.TwilioFakeMessage>?>(_host.Texts.Messages.Where(m => m.To == number).ToList()),
            list => list?.Count >= count,
            $"{count} text(s) to the customer",
            TimeSpan.FromSeconds(90))!;

    [Fact]
    public async Task Signed_text_opens_a_complaint_and_the_acknowledgement_is_texted_with_the_reference()
    {
        var response = await TextAsync(TwilioForm("+8613800138001", "宽带又断了，已经三天了", "SM00000000000000000000000000000001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response />", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var complaint = await ComplaintFromAsync("SM00000000000000000000000000000001");
        Assert.Equal((Channel.Sms, "+8613800138001", "zh-Hans"), (complaint.Channel, complaint.Contact.Phone, complaint.Language));
        var text = Assert.Single(await TextsToAsync("+8613800138001", 1));
        Assert.Contains(complaint.Reference, text.Body, StringComparison.Ordinal);
        Assert.Equal(SmsEncoding.Ucs2, SmsSegmenter.EncodingOf(text.Body));
        Assert.Equal(AppHost.TwilioNumber, text.From);
    }

    [Fact]
    public async Task Text_with_a_forged_signature_is_refused_with_403_and_records_nothing()
    {
        var form = TwilioForm("+8613800138002", "Refund me", "SM00000000000000000000000000000002");
        var forged = new TwilioSignatureValidator("not-the-auth-token").ComputeSignature(TwilioUrl, form);

        var response = await TextAsync(form, forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000002"), CancellationToken.None));
    }

    [Fact]
    public async Task Second_text_soon_after_joins_the_same_complaint_and_a_redelivery_adds_nothing()
    {
        await TextAsync(TwilioForm("+8613800138003", "My bill for March is wrong,", "SM00000000000000000000000000000003"));
        var second = TwilioForm("+8613800138003", "it charges me for two lines.", "SM00000000000000000000000000000004");

        await TextAsync(second);
        await TextAsync(second);

        var complaint = (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000003"), CancellationToken.None))!.Complaint;
        Assert.Equal("it charges me for two lines.", Assert.Single(complaint.Replies).Text);
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000004"), CancellationToken.None));
    }

    [Fact]
    public async Task After_STOP_the_resolution_is_not_texted()
    {
        await TextAsync(TwilioForm("+8613800138005", "The engineer never came.", "SM00000000000000000000000000000005"));
        var complaint = await ComplaintFromAsync("SM00000000000000000000000000000005");
        await TextsToAsync("+8613800138005", 1);

        var stop = await TextAsync(TwilioForm("+8613800138005", "STOP", "SM00000000000000000000000000000006"));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(complaint.Id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(complaint.Id, "resolve", new { resolution = "We rebooked the visit for Friday.", rootCause = "our-error", correctiveAction = "Dispatch checks." })).StatusCode);

        Assert.DoesNotContain("<Message>", await stop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))?.Complaint,
            c => c?.Notifications.Any(n => n.Kind == NotificationKind.Resolution && n.Status == NotificationStatus.NotSent) == true,
            "the resolution notice to be recorded not sent",
            TimeSpan.FromSeconds(90));
        Assert.Single(_host.Texts.Messages, m => m.To == "+8613800138005");
        // Recorded as what happened: not sent because of the opt-out, never as sent.
        var resolution = (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint.Notifications.Single(n => n.Kind == NotificationKind.Resolution);
        Assert.Equal("sms-opt-out", resolution.Reason);
    }

    [Fact]
    public async Task A_text_naming_a_resolved_complaint_from_its_own_number_reopens_it_for_a_callback_instead_of_making_a_new_one()
    {
        await TextAsync(TwilioForm("+8613800138011", "宽带又断了，已经三天。", "SM00000000000000000000000000000011"));
        var complaint = await ComplaintFromAsync("SM00000000000000000000000000000011");
        await TextsToAsync("+8613800138011", 1);
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(complaint.Id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(complaint.Id, "resolve", new { resolution = "线路已修复。", rootCause = "our-error" })).StatusCode);

        await TextAsync(TwilioForm("+8613800138011", $"{complaint.Reference} 还是不通", "SM00000000000000000000000000000012"));

        var reopened = (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint;
        Assert.Equal(ComplaintStatus.Open, reopened.Status);
        Assert.Contains("还是不通", Assert.Single(reopened.Replies).Text, StringComparison.Ordinal);
        Assert.Contains(reopened.Deadlines, d => d.Kind == DeadlineKinds.Callback && d.IsOpen);
        Assert.Contains(await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None),
            e => e.Type == EventTypes.Reopened && e.Actor == Actors.Customer && e.Data["reason"] == "customer-wrote-after-resolution");
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000012"), CancellationToken.None));
    }

    [Fact]
    public async Task HELP_is_left_to_Twilios_own_answer_and_Chinese_HELP_from_Hong_Kong_is_answered_by_us_in_traditional_Chinese()
    {
        var help = await TextAsync(TwilioForm("+8613800138007", "HELP", "SM00000000000000000000000000000007"));
        var chinese = await TextAsync(TwilioForm("+85291234567", "幫助", "SM00000000000000000000000000000009"));

        // Twilio answers HELP itself while its opt-out handling is on (the documented setting): a second answer from
        // us would be one too many. It does not know 幫助, so that one is ours.
        Assert.DoesNotContain("<Message>", await help.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var twiml = await chinese.Content.ReadAsStringAsync();
        Assert.Contains("投訴請直接回覆", twiml, StringComparison.Ordinal);
        Assert.Contains("http://complaints.test", twiml, StringComparison.Ordinal);
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000007"), CancellationToken.None));
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000009"), CancellationToken.None));
    }

    [Fact]
    public async Task A_request_to_stop_the_provider_does_not_know_is_confirmed_once_and_is_no_complaint()
    {
        (string Body, string Confirmation)[] requests = [("STOP please", "no more texts"), ("Stop texting me", "no more texts"), ("别再发短信了", "您已退订"), ("ＴＤ", "您已退订"), ("別再傳短訊", "您已退訂")];
        for (var i = 0; i < requests.Length; i++)
        {
            var (body, confirmation) = requests[i];
            var from = $"+861380013810{i}";
            var first = await TextAsync(TwilioForm(from, body, $"SM1000000000000000000000000000000{i}"));
            var again = await TextAsync(TwilioForm(from, body, $"SM1100000000000000000000000000000{i}"));

            var twiml = await first.Content.ReadAsStringAsync();
            Assert.Contains(confirmation, twiml, StringComparison.Ordinal);
            Assert.Contains("START", twiml, StringComparison.Ordinal);
            Assert.DoesNotContain("<Message>", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, $"SM1000000000000000000000000000000{i}"), CancellationToken.None));
            Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, $"SM1100000000000000000000000000000{i}"), CancellationToken.None));
        }

        Assert.DoesNotContain(_host.Texts.Messages, m => m.To.StartsWith("+861380013810", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task Parts_of_a_long_text_arriving_together_make_one_complaint_with_one_acknowledgement(int parts)
    {
        var from = $"+86139001390{parts:D2}";
        var texts = Enumerable.Range(1, parts).Select(i => $"Part {i} of {parts}: the meter was read wrong in month {i}.").ToList();
        var sids = Enumerable.Range(1, parts).Select(i => $"SM2{parts:D2}{i:D2}".PadRight(34, '0')).ToList();

        var responses = await Task.WhenAll(sids.Select((sid, i) => TextAsync(TwilioForm(from, texts[i], sid))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var opened = new List<Complaint>();
        foreach (var sid in sids)
        {
            if ((await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None))?.Complaint is { } complaint)
            {
                opened.Add(complaint);
            }
        }

        var one = Assert.Single(opened);
        var acknowledged = await ComplaintFromAsync(one.SourceMessageId!);
        var story = string.Join("\n", [acknowledged.Text, .. acknowledged.Replies.Select(r => r.Text)]);
        Assert.All(texts, text => Assert.Contains(text, story, StringComparison.Ordinal));
        var acknowledgement = Assert.Single(await TextsToAsync(from, 1));
        Assert.Contains(acknowledged.Reference, acknowledgement.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_national_number_texting_our_Chinese_number_is_the_Chinese_mobile_and_is_acknowledged_there()
    {
        var form = TwilioForm("13124584567", "话费扣错了，请退款", "SM00000000000000000000000000000021");
        form["To"] = "+861088886666";
        form["ToCountry"] = "CN";

        await TextAsync(form);

        var complaint = await ComplaintFromAsync("SM00000000000000000000000000000021");
        Assert.Equal("+8613124584567", complaint.Contact.Phone);
        Assert.Single(await TextsToAsync("+8613124584567", 1));
        Assert.DoesNotContain(_host.Texts.Messages, m => m.To == "+13124584567");
    }

    [Fact]
    public async Task A_fictional_number_opens_a_complaint_in_development()
    {
        await TextAsync(TwilioForm("+447700900123", "The router has been dead since Monday.", "SM00000000000000000000000000000022"));

        Assert.Equal("+447700900123", (await ComplaintFromAsync("SM00000000000000000000000000000022")).Contact.Phone);
    }

    [Fact]
    public async Task An_empty_text_is_answered_200_with_nothing_and_kept_with_the_ignored_payloads()
    {
        var twilio = await TextAsync(TwilioForm("+8613800138023", "  ", "SM00000000000000000000000000000023"));
        var acs = await EventGridAsync("""
            [{"id":"e1b7a3f0-0000-4a4a-9c1e-000000000024","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
              "subject":"/phonenumber/8613800138024","eventType":"Microsoft.Communication.SMSReceived","eventTime":"2026-03-02T01:15:06Z","dataVersion":"1.0","metadataVersion":"1",
              "data":{"MessageId":"Incoming_20260302011506ab12cd34-0000-0000-0000-000000000024","From":"+8613800138024","To":"+18005550100","Message":" ","ReceivedTimestamp":"2026-03-02T01:15:05Z"}}]
            """);

        Assert.Equal(HttpStatusCode.OK, twilio.StatusCode);
        Assert.Contains("<Response />", await twilio.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, acs.StatusCode);
        Assert.Equal("ignored", (await acs.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000023"), CancellationToken.None));
        var container = new BlobServiceClient(_host.Azurite.ConnectionString).GetBlobContainerClient($"{_host.Prefix}-raw-inbound");
        var ignored = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "sms/ignored/", CancellationToken.None))
        {
            ignored.Add(blob.Name);
        }

        Assert.Equal(2, ignored.Count);
    }

    [Fact]
    public async Task A_reference_in_a_text_appends_it_to_that_complaint_from_its_number_and_is_held_from_another()
    {
        var submitted = await _host.SubmitAsync(new { phone = "+8613800138032", text = "The technician damaged my wall during the installation.", language = "en" }, "sms-reference-1");
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var reference = ComplaintId.ToReference(id);

        await TextAsync(TwilioForm("+8613800138032", $"About {reference}: the wall is still not repaired.", "SM00000000000000000000000000000032"));
        await TextAsync(TwilioForm("+8613800138033", $"{reference} please call me back", "SM00000000000000000000000000000033"));

        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal($"About {reference}: the wall is still not repaired.", Assert.Single(complaint.Replies).Text);
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000032"), CancellationToken.None));
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "SM00000000000000000000000000000033"), CancellationToken.None));
        var held = Assert.Single(await _host.Services.GetRequiredService<IQuarantine>().ListAsync(10, CancellationToken.None));
        Assert.Equal((QuarantineReasons.ReferenceFromOtherNumber, $"reference {reference}"), (held.Reason, held.Detail));
    }

    private Task<HttpResponseMessage> EventGridAsync(string json) =>
        _host.Client.PostAsync($"/api/inbound/sms/acs?key={AppHost.AcsWebhookKey}", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task ACS_subscription_validation_handshake_echoes_the_code()
    {
        var response = await EventGridAsync("""
            [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
              "subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://rp-eastus2.eventgrid.azure.net/api/subscriptions/x/validate?id=1&t=2026-03-02T01:00:00Z"},
              "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-03-02T01:00:00.000Z","metadataVersion":"1","dataVersion":"2"}]
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task Replayed_SMSReceived_event_creates_one_complaint()
    {
        const string delivery = """
            [{"id":"e1b7a3f0-0000-4a4a-9c1e-000000000008","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
              "subject":"/phonenumber/8613800138008","eventType":"Microsoft.Communication.SMSReceived","eventTime":"2026-03-02T01:15:06Z","dataVersion":"1.0","metadataVersion":"1",
              "data":{"MessageId":"Incoming_20260302011506ab12cd34-0000-0000-0000-000000000008","From":"+8613800138008","To":"+18005550100","Message":"The water has been off since Monday.","ReceivedTimestamp":"2026-03-02T01:15:05Z"}}]
            """;

        var first = await EventGridAsync(delivery);
        var replay = await EventGridAsync(delivery);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("created", (await first.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await replay.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        var complaint = (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, "Incoming_20260302011506ab12cd34-0000-0000-0000-000000000008"), CancellationToken.None))!.Complaint;
        Assert.Empty(complaint.Replies);
        Assert.Single(await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None), e => e.Type == EventTypes.Received);
    }

    [Fact]
    public async Task Event_Grid_post_that_is_not_JSON_is_refused_with_a_problem()
    {
        var response = await EventGridAsync("[{\"id\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("body", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
