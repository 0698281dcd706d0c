using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// <c>X-Twilio-Signature</c> forgeries against the running app: each is refused with 403 problem+json and leaves
/// nothing in storage. The URL checked is the configured public one (<c>Intake:PublicBaseUrl</c> + path + query),
/// whatever Host or X-Forwarded-* headers the request carries.
/// </summary>
public sealed class TwilioSignatureTests(TwilioSignatureTests.Host fixture) : IClassFixture<TwilioSignatureTests.Host>
{
    private const string SignedUrl = "http://complaints.test/api/inbound/sms/twilio";
    private static readonly TwilioSignatureValidator Twilio = new(AppHost.TwilioAuthToken);

    public sealed class Host : AppHostFixture;

    private static Dictionary<string, string> Form(string sid) => new()
    {
        ["MessageSid"] = sid,
        ["SmsSid"] = sid,
        ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
        ["From"] = "+8613800138100",
        ["To"] = AppHost.TwilioNumber,
        ["Body"] = "Refund me now",
        ["NumMedia"] = "0",
    };

    public static TheoryData<string> Forgeries() =>
    [
        "wrong token", "tampered parameter", "added parameter", "missing header", "empty header", "other path",
        "other query", "https scheme", "attacker host in Host header", "attacker host in X-Forwarded-Host",
    ];

    private static HttpRequestMessage Forge(string forgery, string sid)
    {
        var form = Form(sid);
        var signature = Twilio.ComputeSignature(SignedUrl, form);
        var path = "/api/inbound/sms/twilio";
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        switch (forgery)
        {
            case "wrong token":
                signature = new TwilioSignatureValidator("not-the-auth-token").ComputeSignature(SignedUrl, form);
                break;
            case "tampered parameter":
                form["Body"] = "Refund me now, and 1000 yuan";
                break;
            case "added parameter":
                form["MediaUrl0"] = "https://attacker.example/x.png";
                break;
            case "missing header":
                signature = null!;
                break;
            case "empty header":
                signature = " ";
                break;
            case "other path":
                signature = Twilio.ComputeSignature("http://complaints.test/api/inbound/email", form);
                break;
            case "other query":
                // A signature for the plain URL must not cover a request with a query added, nor the reverse.
                request.RequestUri = new Uri(path + "?extra=1", UriKind.Relative);
                break;
            case "https scheme":
                signature = Twilio.ComputeSignature("https://complaints.test/api/inbound/sms/twilio", form);
                request.Headers.Add("X-Forwarded-Proto", "https");
                break;
            case "attacker host in Host header":
                signature = Twilio.ComputeSignature("http://attacker.test/api/inbound/sms/twilio", form);
                request.Headers.Host = "attacker.test";
                break;
            case "attacker host in X-Forwarded-Host":
                signature = Twilio.ComputeSignature("http://attacker.test/api/inbound/sms/twilio", form);
                request.Headers.Add("X-Forwarded-Host", "attacker.test");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null);
        }

        request.Content = new FormUrlEncodedContent(form);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_Twilio_signature_is_refused_with_403_and_stores_nothing(string forgery)
    {
        var sid = "SM" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        var before = await StoredFootprint.OfAsync(fixture.App);

        var response = await fixture.App.Client.SendAsync(Forge(forgery, sid));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Invalid signature.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Null(await fixture.App.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None));
        Assert.Equal(before, await StoredFootprint.OfAsync(fixture.App));
    }

    [Fact]
    public async Task Genuine_signature_is_accepted_whatever_forwarding_headers_the_request_carries()
    {
        var sid = "SM" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        var form = Form(sid);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Twilio.ComputeSignature(SignedUrl, form));
        request.Headers.Add("X-Forwarded-Host", "attacker.test");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await fixture.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await fixture.App.Complaints.FindAsync(ComplaintId.FromSource(Channel.Sms, sid), CancellationToken.None));
    }
}
