using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// A customer we can only text gets the written resolution, through the running app, Azurite and the Twilio fake: a
/// short letter in the text itself, a long one as a link to a page that shows it after a one-time code by text.
/// </summary>
public sealed partial class ResolutionByTextTests : IAsyncLifetime
{
    private const string TwilioUrl = "http://complaints.test/api/inbound/sms/twilio";
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Complaint> TextComplaintAsync(string from, string body, string sid)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
            ["From"] = from,
            ["To"] = AppHost.TwilioNumber,
            ["Body"] = body,
            ["NumMedia"] = "0",
            ["ApiVersion"] = "2010-04-01",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature(TwilioUrl, form));
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.SendAsync(request)).StatusCode);
        return (await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the SMS complaint and its acknowledgement",
            TimeSpan.FromSeconds(90)))!;
    }

    private async Task ResolveAsync(string id, string letter)
    {
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "resolve", new { resolution = letter, rootCause = "our-error", correctiveAction = "增加重复扣费检查" })).StatusCode);
    }

    private Task<IReadOnlyList<Fakes.Twilio.TwilioFakeMessage>> TextsAsync(string to, Func<Fakes.Twilio.TwilioFakeMessage, bool> which, string what) =>
        AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.Twilio.TwilioFakeMessage>?>(_host.Texts.Messages.Where(m => m.To == to && which(m)).ToList()),
            list => list is { Count: > 0 },
            what,
            TimeSpan.FromSeconds(90))!;

    private Task<HttpResponseMessage> PostAsync(string path, object body) =>
        _host.Client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_long_resolution_is_texted_as_a_link_and_the_customer_reads_the_letter_and_referral_rights_after_a_code_by_text()
    {
        const string Phone = "+8613800138021";
        var complaint = await TextComplaintAsync(Phone, "这个月的话费被重复扣了两次，一共多扣了88元，请退款。", "SM10000000000000000000000000000021");
        var letter = string.Concat(Enumerable.Repeat("我们核对了您三月以来的每一张账单，确认重复扣费属实。", 6)) + "我们已退还多扣的88元。";
        await ResolveAsync(complaint.Id, letter);

        var pointer = Assert.Single(await TextsAsync(Phone, m => m.Body.Contains("/r/", StringComparison.Ordinal), "the resolution text"));
        Assert.DoesNotContain("退还", pointer.Body, StringComparison.Ordinal);
        var link = new Uri(LinkIn().Match(pointer.Body).Value);
        Assert.Equal($"/r/{complaint.Reference}", link.AbsolutePath);

        var page = await _host.Client.GetAsync(link.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal($"/resolution?reference={complaint.Reference}", page.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("id=\"code-form\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var missing = await PostAsync($"/api/complaints/{complaint.Reference}/resolution/code", new { phone = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync($"/api/complaints/{complaint.Reference}/resolution/code", new { phone = "+8613900139000" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync($"/api/complaints/{complaint.Reference}/resolution/code", new { phone = "138 0013 8021" })).StatusCode);

        var codeText = Assert.Single(await TextsAsync(Phone, m => m.Body.Contains("验证码", StringComparison.Ordinal), "the code text"));
        Assert.Equal(AppHost.TwilioNumber, codeText.From);
        Assert.DoesNotContain(_host.Texts.Messages, m => m.To == "+8613900139000");
        var code = SixDigits().Match(codeText.Body).Value;
        var wrong = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await PostAsync($"/api/complaints/{complaint.Reference}/resolution", new { code = wrong });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));

        var read = await PostAsync($"/api/complaints/{complaint.Reference}/resolution", new { code });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var shown = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(letter, shown.GetProperty("text").GetString());
        Assert.Equal("增加重复扣费检查", shown.GetProperty("correctiveAction").GetString());
        var stored = (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint;
        Assert.NotEmpty(stored.Referrals);
        Assert.Equal(stored.Referrals[0].In("zh-Hans"), shown.GetProperty("referrals")[0].GetProperty("zh-Hans").GetString());
        Assert.DoesNotContain(code, JsonSerializer.Serialize(stored, ComplaintJson.Options), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync($"/api/complaints/{complaint.Reference}/resolution", new { code })).StatusCode);
    }

    [Fact]
    public async Task A_short_resolution_is_the_text_itself_with_the_link_to_the_referral_rights()
    {
        const string Phone = "+8613800138022";
        var complaint = await TextComplaintAsync(Phone, "话费被重复扣了88元。", "SM10000000000000000000000000000022");

        await ResolveAsync(complaint.Id, "我们已退还多扣的88元。");

        var text = Assert.Single(await TextsAsync(Phone, m => m.Body.Contains("答复", StringComparison.Ordinal) && m.Body.Contains("/r/", StringComparison.Ordinal), "the resolution text"));
        Assert.Contains("我们已退还多扣的88元。", text.Body, StringComparison.Ordinal);
        Assert.Contains($"如不满意，您的权利：http://complaints.test/r/{complaint.Reference}", text.Body, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/r/CF-[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex LinkIn();

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
