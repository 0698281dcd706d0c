using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk.DataRights;

/// <summary>Export and erasure of a contact's data through the portal API, checked in every store on Azurite.</summary>
public sealed class DataRightsTests : IAsyncLifetime
{
    private const string Email = "li.wei@example.cn";
    private const string Phone = "+8613800138000";
    private const string ComplaintText = "我家宽带从周一起断网三天，客服电话一直打不通。";
    private AppHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Export_holds_each_complaint_with_its_history_notices_attachment_and_raw_payload_and_is_recorded_without_personal_data()
    {
        var emailed = await EmailComplaintAsync("export-1@mail.example.cn");
        var web = await WebComplaintAsync("export-web-1");
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var response = await supervisor.PostAsync("/api/portal/contacts/export", new { contact = "Li.Wei@Example.cn" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var manifest = Json(zip, "manifest.json");
        Assert.Equal("complaintflow-contact-export/1", manifest.GetProperty("format").GetString());
        Assert.Equal(new[] { emailed.Id, web.Id }.Order(), manifest.GetProperty("complaints").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order());
        Assert.Equal(0, manifest.GetProperty("missingPayloads").GetArrayLength());

        var state = Json(zip, $"complaints/{emailed.Id}/complaint.json");
        Assert.Equal(ComplaintText, state.GetProperty("text").GetString());
        Assert.Equal(Email, state.GetProperty("contact").GetProperty("email").GetString());
        var attachment = emailed.Attachments.Single();
        Assert.Equal("%PDF-1.4 fake bill", Text(zip, $"complaints/{emailed.Id}/blobs/{attachment.BlobName}"));
        Assert.Contains("宽带断网三天", Text(zip, $"complaints/{emailed.Id}/blobs/{emailed.RawPayload}"), StringComparison.Ordinal);
        Assert.Contains(Json(zip, $"complaints/{emailed.Id}/history.json").EnumerateArray(), e => e.GetProperty("type").GetString() == EventTypes.Received);
        var acknowledgement = Json(zip, $"complaints/{web.Id}/notifications.json").EnumerateArray()
            .Single(n => n.GetProperty("notification").GetProperty("kind").GetString() == "Acknowledgement");
        Assert.Contains(web.Reference, acknowledgement.GetProperty("composed").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotNull(zip.GetEntry("sms.json"));

        foreach (var id in new[] { emailed.Id, web.Id })
        {
            var exported = Assert.Single(await _host.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.Exported);
            Assert.Equal("sam@desk.example", exported.Actor);
            Assert.DoesNotContain(exported.Data.Values, v => v.Contains("li.wei", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Erasure_removes_the_contact_from_every_store_keeps_the_statistics_and_can_be_repeated()
    {
        var emailed = await EmailComplaintAsync("erase-1@mail.example.cn");
        var web = await WebComplaintAsync("erase-web-1");
        var texted = await TextComplaintAsync("SMerase0000000000000000000000001");
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.ActAsync(web.Id, "notes", new { text = "Customer said: my account is 88123, call me on 13800138000." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.ActAsync(web.Id, "compensation", new { amount = 50m, currency = "CNY", reason = "Goodwill for Li Wei", accepted = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.ActAsync(web.Id, "resolve", new { resolution = "Dear Li Wei, we refunded you.", rootCause = "our-error" })).StatusCode);
        // The survey follows the resolution a moment later and counts in the survey response rate: the figures are
        // compared once it has gone, so only the erasure can change them.
        await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(web.Id, CancellationToken.None))?.Complaint,
            c => c?.Notifications.Any(n => n.Kind == NotificationKind.Survey && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered) == true,
            "the survey sent",
            TimeSpan.FromSeconds(90));
        var statsBefore = await StatsAsync(supervisor);
        // A copy left in the complaint's folder by an attempt that crashed before recording it is erased too.
        var rawFolder = web.RawPayload![..(web.RawPayload!.LastIndexOf('/') + 1)];
        await _host.Services.GetRequiredService<IRawPayloadStore>().SaveAsync(rawFolder + "1.json", "{\"email\":\"li.wei@example.cn\"}"u8.ToArray(), "application/json", CancellationToken.None);

        var first = await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email, confirm = "ERASE" });
        var byPhone = await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Phone, confirm = "ERASE" });
        var again = await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email, confirm = "ERASE" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var report = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new[] { emailed.Id, web.Id }.Order(), report.GetProperty("erased").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.Contains(texted.Id, (await byPhone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetArrayLength());

        foreach (var original in new[] { emailed, web, texted })
        {
            var erased = (await _host.Complaints.FindAsync(original.Id, CancellationToken.None))!.Complaint;
            Assert.NotNull(erased.ErasedAt);
            Assert.Equal(("[erased]", null, null, null, null), (erased.Text, erased.Subject, erased.Contact.Name, erased.Contact.Email, erased.Contact.Phone));
            Assert.Empty(erased.Attachments);
            Assert.Null(erased.RawPayload);
            Assert.Equal((original.Channel, original.ReceivedAt, original.Triage?.Priority, original.Triage?.PrimaryCategory), (erased.Channel, erased.ReceivedAt, erased.Triage?.Priority, erased.Triage?.PrimaryCategory));
            var history = await _host.Complaints.GetHistoryAsync(original.Id, CancellationToken.None);
            var audit = Assert.Single(history, e => e.Type == EventTypes.Erased);
            Assert.Equal("sam@desk.example", audit.Actor);
            var everything = JsonSerializer.Serialize(new { erased, history }, ComplaintJson.Options);
            foreach (var personal in new[] { "li.wei", "Li Wei", "13800138000", "宽带", "88123" })
            {
                Assert.DoesNotContain(personal, everything, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Empty(await BlobsMentioningAsync(original.Id));
            Assert.Empty(await RowsAsync(TableNames.Contacts, $"RowKey eq '{original.Id}'"));
            Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync($"/api/complaints/{original.Reference}?contact={Uri.EscapeDataString(Email)}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync($"/api/complaints/{original.Reference}?contact={Uri.EscapeDataString(Phone)}")).StatusCode);
        }

        Assert.Empty(await RowsAsync(TableNames.SmsThreads, $"PartitionKey eq '{TableSmsOptOuts.PartitionKeyFor(Phone)}'"));
        var erasedWeb = (await _host.Complaints.FindAsync(web.Id, CancellationToken.None))!.Complaint;
        Assert.Equal((50m, "our-error", "[erased]"), (erasedWeb.Compensations.Single().Amount, erasedWeb.Resolution!.RootCause, erasedWeb.Resolution.Text));
        AssertSameStatistics(statsBefore, await StatsAsync(supervisor));

        var export = await supervisor.PostAsync("/api/portal/contacts/export", new { contact = Email });
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
        Assert.Equal(0, Json(zip, "manifest.json").GetProperty("complaints").GetArrayLength());
        var lookup = await (await supervisor.PostAsync("/api/portal/contacts/lookup", new { contact = Phone })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, lookup.GetProperty("complaints").GetArrayLength());
    }

    [Fact]
    public async Task After_erasure_a_reply_or_a_text_from_the_old_contact_opens_a_new_complaint_not_linked_to_the_erased_one()
    {
        var texted = await TextComplaintAsync("SMlater00000000000000000000000001");
        var emailed = await EmailComplaintAsync("later-1@mail.example.cn");
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Phone, confirm = "ERASE" });
        await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email, confirm = "ERASE" });

        var reply = await PostEmailAsync(Mail($"Re: [{emailed.Reference}] 宽带断网三天", "The broadband is still down after your engineer visited on Friday.", "later-reply-1@mail.example.cn", $"In-Reply-To: <later-1@mail.example.cn>"));
        var text = await TextAsync("SMlater00000000000000000000000002", "Still no internet at home.");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        var newEmail = await AcknowledgedAsync(ComplaintId.FromSource(Channel.Email, "later-reply-1@mail.example.cn"));
        var newText = await AcknowledgedAsync(ComplaintId.FromSource(Channel.Sms, "SMlater00000000000000000000000002"));
        Assert.Equal(0, newEmail.Triage!.Reasons.Count(r => r.Rule == "repeat-contact"));
        Assert.Equal(0, newText.Triage!.Reasons.Count(r => r.Rule == "repeat-contact"));
        foreach (var erased in new[] { emailed.Id, texted.Id })
        {
            var state = (await _host.Complaints.FindAsync(erased, CancellationToken.None))!.Complaint;
            Assert.Empty(state.Replies);
            Assert.Equal("[erased]", state.Text);
        }
    }

    [Fact]
    public async Task A_notice_still_queued_for_an_erased_complaint_is_not_sent_to_the_old_address()
    {
        var web = await WebComplaintAsync("queued-1");
        var notice = new Notification
        {
            Id = Notification.IdFor(web.Id, NotificationKind.Holding, NotificationChannel.Email, 1),
            Kind = NotificationKind.Holding,
            Channel = NotificationChannel.Email,
            RequestedAt = DateTimeOffset.UtcNow,
        };
        await _host.Complaints.UpdateAsync(web.Id, c => c.Change(DateTimeOffset.UtcNow).Apply(x => x with { Notifications = [.. x.Notifications, notice] }), CancellationToken.None);
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email, confirm = "ERASE" });

        // What the Notify function does with the message queued before the erasure.
        await _host.Services.GetRequiredService<NotifyService>().HandleAsync(new NotificationMessage(web.Id, notice.Id), CancellationToken.None);

        Assert.DoesNotContain(_host.Mailbox.Emails, e => e.CustomArgs.GetValueOrDefault("notificationId") == notice.Id);
        var state = (await _host.Complaints.FindAsync(web.Id, CancellationToken.None))!.Complaint;
        Assert.Equal(NotificationStatus.Failed, state.Notifications.Single(n => n.Id == notice.Id).Status);
    }

    [Fact]
    public async Task A_complaint_still_waiting_for_triage_is_found_and_erased_and_triage_then_acknowledges_no_one()
    {
        await using var queued = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development", ["AzureWebJobs.Triage.Disabled"] = "true" });
        var submitted = await queued.SubmitAsync(new { email = Email, text = "My broadband has been down for three days and nobody answers the phone.", language = "en" }, "untriaged-1");
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var supervisor = await StaffSession.SignInAsync(queued, "sam@desk.example", "supervisor");

        var found = await (await supervisor.PostAsync("/api/portal/contacts/lookup", new { contact = Email })).Content.ReadFromJsonAsync<JsonElement>();
        var erased = await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email, confirm = "ERASE" });
        await queued.Services.GetRequiredService<Core.Triage.TriageService>().HandleAsync(new IntakeMessage(id), CancellationToken.None);

        Assert.Equal([id], found.GetProperty("complaints").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var state = (await queued.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal((ComplaintStatus.Open, "[erased]"), (state.Status, state.Text));
        Assert.Empty(state.Notifications);
    }

    [Fact]
    public async Task Only_supervisors_may_ask_and_a_missing_or_invalid_contact_or_confirmation_is_a_problem_naming_the_field()
    {
        using var anonymous = StaffSession.Anonymous(_host);
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        foreach (var action in new[] { "lookup", "export", "erase" })
        {
            var path = $"/api/portal/contacts/{action}";
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, new { contact = Email, confirm = "ERASE" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync(path, new { contact = Email, confirm = "ERASE" })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync(path, new { contact = Email, confirm = "ERASE" }, withAntiforgery: false)).StatusCode);
            await AssertProblemAsync(await supervisor.PostAsync(path, new { confirm = "ERASE" }), "contact");
            await AssertProblemAsync(await supervisor.PostAsync(path, new { contact = "not a contact", confirm = "ERASE" }), "contact");
        }

        await AssertProblemAsync(await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email }), "confirm");
        await AssertProblemAsync(await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = Email, confirm = "yes" }), "confirm");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem names {field}: {problem}");
    }

    private static void AssertSameStatistics(JsonElement before, JsonElement after)
    {
        // Every figure (the window's end is the time of asking, so it and its date text differ); the repeat
        // complainants list names contacts, so it must drop the erased one.
        foreach (var property in before.EnumerateObject().Where(p => p.Name is not ("repeatComplainants" or "to" or DeskTime.TextsProperty)))
        {
            Assert.Equal(property.Value.GetRawText(), after.GetProperty(property.Name).GetRawText());
        }

        var window = before.GetProperty("from").GetString()!;
        Assert.Equal(before.GetProperty(DeskTime.TextsProperty).GetProperty(window).GetString(), after.GetProperty(DeskTime.TextsProperty).GetProperty(window).GetString());

        Assert.DoesNotContain(Email, after.GetProperty("repeatComplainants").GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<JsonElement> StatsAsync(StaffSession supervisor) =>
        await (await supervisor.GetAsync("/api/portal/stats?days=7")).Content.ReadFromJsonAsync<JsonElement>();

    private async Task<List<string>> BlobsMentioningAsync(string complaintId)
    {
        var options = _host.Services.GetRequiredService<StorageOptions>();
        var container = _host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(options.Container(ContainerNames.RawInbound));
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (blob.Name.Contains(complaintId, StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string filter)
    {
        var client = _host.Services.GetRequiredService<TableServiceClient>().GetTableClient(_host.Services.GetRequiredService<StorageOptions>().Table(table));
        return await client.QueryAsync<TableEntity>(filter).ToListAsync();
    }

    private async Task<Complaint> EmailComplaintAsync(string messageId)
    {
        var post = Mail("宽带断网三天", ComplaintText + "\n\n-- \n李伟", messageId)
            .Field("attachments", "1")
            .Field("attachment-info", "{\"attachment1\":{\"filename\":\"bill.pdf\",\"name\":\"bill.pdf\",\"type\":\"application/pdf\"}}")
            .File("attachment1", "bill.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4 fake bill"));
        Assert.Equal(HttpStatusCode.OK, (await PostEmailAsync(post)).StatusCode);
        return await AcknowledgedAsync(ComplaintId.FromSource(Channel.Email, messageId));
    }

    private async Task<Complaint> WebComplaintAsync(string key)
    {
        var response = await _host.SubmitAsync(new { name = "Li Wei", email = Email, phone = Phone, text = "My broadband has been down for three days and nobody answers the phone.", language = "en" }, key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await AcknowledgedAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private async Task<Complaint> TextComplaintAsync(string sid)
    {
        Assert.Equal(HttpStatusCode.OK, (await TextAsync(sid, "宽带断网三天了，没人处理！")).StatusCode);
        return await AcknowledgedAsync(ComplaintId.FromSource(Channel.Sms, sid));
    }

    private Task<HttpResponseMessage> TextAsync(string sid, string body)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
            ["From"] = Phone,
            ["To"] = AppHost.TwilioNumber,
            ["Body"] = body,
            ["NumMedia"] = "0",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature("http://complaints.test/api/inbound/sms/twilio", form));
        return _host.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostEmailAsync(SendGridPost post)
    {
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        return _host.Client.PostAsync("/api/inbound/email", content);
    }

    private static SendGridPost Mail(string subject, string text, string messageId, params string[] extraHeaders) =>
        SendGridPost.Mail($"Li Wei <{Email}>", subject, text, messageId, extraHeaders);

    private async Task<Complaint> AcknowledgedAsync(string id) =>
        (await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90)))!;

    private static JsonElement Json(ZipArchive zip, string path) => JsonDocument.Parse(Text(zip, path)).RootElement;

    private static string Text(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"The export has no {path}; it has {string.Join(", ", zip.Entries.Select(e => e.FullName))}.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
