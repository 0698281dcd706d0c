using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// Picture messages through the running app: a signed Twilio MMS webhook naming media the Twilio fake keeps at
/// Twilio's own path behind basic auth; the sms-media queue fetches them into Azurite's blob store as attachments.
/// </summary>
public sealed class SmsMediaTests : IAsyncLifetime
{
    private const string TwilioUrl = "http://complaints.test/api/inbound/sms/twilio";

    /// <summary>Small enough that a picture of a few KiB is over it: the email channel's byte limit, read by SMS too.</summary>
    private const int MaxAttachmentBytes = 4_096;

    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 2_000).Select(i => (byte)i)];
    private AppHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Development",
            ["ComplaintFlow:InboundEmail:MaxAttachmentBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Twilio's incoming-message webhook for an MMS, with each media's URL and content type.</summary>
    private static Dictionary<string, string> MmsForm(string from, string body, string sid, params (string Url, string ContentType)[] media)
    {
        var form = new Dictionary<string, string>
        {
            ["ToCountry"] = "US",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = media.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SmsSid"] = sid,
            ["SmsStatus"] = "received",
            ["Body"] = body,
            ["FromCountry"] = "CN",
            ["To"] = AppHost.TwilioNumber,
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
            ["From"] = from,
            ["ApiVersion"] = "2010-04-01",
        };
        foreach (var (item, i) in media.Select((m, i) => (m, i)))
        {
            form[$"MediaUrl{i}"] = item.Url;
            form[$"MediaContentType{i}"] = item.ContentType;
        }

        return form;
    }

    private async Task<HttpResponseMessage> TextAsync(Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature(TwilioUrl, form));
        return await _host.Client.SendAsync(request);
    }

    /// <summary>A media kept by the Twilio fake, as a customer's phone would have sent it: its URL at Twilio's path.</summary>
    private string MediaAt(string host, string messageSid, string contentType, byte[] content)
    {
        var sid = _host.Texts.AddMedia(messageSid, contentType, content);
        return $"http://{host}:{_host.FakesAddress.Port}{_host.Texts.MediaPath(messageSid, sid)}";
    }

    private Task<Complaint> ComplaintAsync(string sid, Func<Complaint, bool> until, string what) =>
        AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None))?.Complaint,
            c => c is not null && until(c),
            what,
            TimeSpan.FromSeconds(90))!;

    [Fact]
    public async Task A_picture_sent_by_MMS_is_fetched_from_the_Twilio_fake_and_kept_as_an_attachment_the_desk_shows()
    {
        const string sid = "MM00000000000000000000000000000001";
        var url = MediaAt(_host.FakesAddress.Host, sid, "image/jpeg", Photo);

        var response = await TextAsync(MmsForm("+8613800138101", "电表读数不对，照片见附件", sid, (url, "image/jpeg")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var complaint = await ComplaintAsync(sid, c => c.Attachments.Count > 0, "the picture kept as an attachment");
        var attachment = Assert.Single(complaint.Attachments);
        Assert.Equal(("media1.jpg", "image/jpeg", Photo.Length), (attachment.Name, attachment.ContentType, (int)attachment.Size));
        var blob = new BlobServiceClient(_host.Azurite.ConnectionString).GetBlobContainerClient($"{_host.Prefix}-raw-inbound").GetBlobClient(attachment.BlobName);
        var stored = (await blob.DownloadContentAsync()).Value;
        Assert.Equal(Photo, stored.Content.ToArray());
        Assert.Equal("image/jpeg", stored.Details.ContentType);
        Assert.Equal(1, _host.Texts.MediaRequestCount);

        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var (view, _) = await amy.ComplaintAsync(complaint.Id);
        var shown = Assert.Single(view.GetProperty("attachments").EnumerateArray());
        Assert.Equal(("media1.jpg", "image/jpeg"), (shown.GetProperty("name").GetString(), shown.GetProperty("contentType").GetString()));
    }

    [Fact]
    public async Task A_media_url_on_another_host_is_not_fetched_and_the_complaint_records_it()
    {
        const string sid = "MM00000000000000000000000000000002";
        // The very same media, served by the same fake, but named by another host than Twilio's configured address:
        // the app must not ask for it (nor send the account's credentials there).
        var other = MediaAt("localhost", sid, "image/png", Photo);

        var response = await TextAsync(MmsForm("+8613800138102", "See the photo", sid, (other, "image/png")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var complaint = await ComplaintAsync(sid, c => c.AttachmentsNotKept.Count > 0, "the media recorded as not kept");
        Assert.Empty(complaint.Attachments);
        Assert.Equal(("media1.png", SmsMediaReasons.NotProviderHost), (complaint.AttachmentsNotKept[0].Name, complaint.AttachmentsNotKept[0].Reason));
        Assert.Equal(0, _host.Texts.MediaRequestCount);

        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var (view, _) = await amy.ComplaintAsync(complaint.Id);
        Assert.Equal(SmsMediaReasons.NotProviderHost, Assert.Single(view.GetProperty("attachmentsNotKept").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == EventTypes.AttachmentNotKept);
    }

    [Fact]
    public async Task A_media_over_the_attachment_limit_is_recorded_and_the_complaint_and_its_other_picture_stay()
    {
        const string sid = "MM00000000000000000000000000000003";
        var fits = MediaAt(_host.FakesAddress.Host, sid, "image/jpeg", Photo);
        var tooLarge = MediaAt(_host.FakesAddress.Host, sid, "image/jpeg", new byte[MaxAttachmentBytes + 1]);

        var response = await TextAsync(MmsForm("+8613800138103", "Two photos of the bill", sid, (fits, "image/jpeg"), (tooLarge, "image/jpeg")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var complaint = await ComplaintAsync(sid, c => c.Attachments.Count + c.AttachmentsNotKept.Count == 2, "one picture kept, one recorded");
        Assert.Contains("Two photos of the bill", complaint.Text, StringComparison.Ordinal);
        Assert.Equal("media1.jpg", Assert.Single(complaint.Attachments).Name);
        var missing = Assert.Single(complaint.AttachmentsNotKept);
        Assert.Equal(("media2.jpg", SmsMediaReasons.OverLimit), (missing.Name, missing.Reason));
    }

    [Fact]
    public async Task A_redelivered_MMS_webhook_keeps_its_picture_once()
    {
        const string sid = "MM00000000000000000000000000000004";
        var url = MediaAt(_host.FakesAddress.Host, sid, "image/gif", Photo);
        var form = MmsForm("+8613800138104", "The router's lights", sid, (url, "image/gif"));

        Assert.Equal(HttpStatusCode.OK, (await TextAsync(form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TextAsync(form)).StatusCode);

        await ComplaintAsync(sid, c => c.Attachments.Count > 0, "the picture kept");
        // Both queue messages handled: the second finds the picture kept and asks the provider for nothing.
        await AppHost.EventuallyAsync(
            async () => (int?)(await new QueueServiceClient(_host.Azurite.ConnectionString).GetQueueClient($"{_host.Prefix}{QueueNames.SmsMedia}").GetPropertiesAsync()).Value.ApproximateMessagesCount,
            n => n == 0,
            "the sms-media queue drained",
            TimeSpan.FromSeconds(60));
        var complaint = (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None))!.Complaint;
        Assert.Single(complaint.Attachments);
        Assert.Empty(complaint.AttachmentsNotKept);
    }
}
