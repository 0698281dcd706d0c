using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// Every response carries the security headers: every file under wwwroot (enumerated, so a new page or script is
/// covered), the page routes, API JSON, problem+json errors, 401/403/404/429 and the TwiML answer.
/// </summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.Host fixture) : IClassFixture<SecurityHeadersTests.Host>
{
    public sealed class Host() : AppHostFixture(new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "AppService",
        ["ComplaintFlow:Intake:RateLimit:PerContact"] = "1",
    });

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : $"(no {name})";
        var csp = Header("Content-Security-Policy");
        var failures = new[]
        {
            csp.Contains("default-src 'self'", StringComparison.Ordinal) ? null : "CSP default-src",
            csp.Contains("script-src 'self'", StringComparison.Ordinal) && !csp.Contains("unsafe-", StringComparison.Ordinal) ? null : "CSP script-src",
            csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) ? null : "CSP frame-ancestors",
            csp.Contains("object-src 'none'", StringComparison.Ordinal) ? null : "CSP object-src",
            Header("X-Content-Type-Options") == "nosniff" ? null : "X-Content-Type-Options",
            Header("X-Frame-Options") == "DENY" ? null : "X-Frame-Options",
            Header("Referrer-Policy") == "no-referrer" ? null : "Referrer-Policy",
        }.OfType<string>().ToList();
        Assert.True(failures.Count == 0, $"{what} ({(int)response.StatusCode}) lacks: {string.Join(", ", failures)}");
    }

    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(root, f).Replace('\\', '/'));

    [Fact]
    public async Task Every_file_under_wwwroot_is_served_with_the_security_headers()
    {
        var files = Files(Path.Combine(AppHost.WorkerOutput, "wwwroot")).ToList();
        Assert.Contains("/index.html", files);
        Assert.Contains("/portal/js/portal.js", files);

        foreach (var file in files)
        {
            var response = await fixture.App.Client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertSecurityHeaders(response, file);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/status")]
    [InlineData("/submitted?reference=CF-00000-00000")]
    [InlineData("/survey")]
    [InlineData("/portal")]
    [InlineData("/portal/")]
    [InlineData("/no-such-page")]
    [InlineData("/js/no-such-script.js")]
    [InlineData("/api/complaints/CF-00000-00000?contact=nobody%40example.com")]
    [InlineData("/api/portal/me")]
    [InlineData("/api/portal/lists/unassigned")]
    [InlineData("/api/inbound/sms/acs")]
    public async Task Pages_and_error_answers_carry_the_security_headers(string path)
    {
        AssertSecurityHeaders(await fixture.App.Client.GetAsync(path), "GET " + path);
    }

    [Fact]
    public async Task API_JSON_problem_json_and_TwiML_answers_carry_the_security_headers()
    {
        var client = fixture.App.Client;
        var email = $"headers-{Guid.NewGuid():N}@example.com";
        var accepted = await client.PostAsJsonAsync("/api/complaints", new { email, text = "No signal at home since Monday." });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        AssertSecurityHeaders(accepted, "202 from POST /api/complaints");

        var limited = await client.PostAsJsonAsync("/api/complaints", new { email, text = "No signal at home since Monday." });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertSecurityHeaders(limited, "429 from POST /api/complaints");

        AssertSecurityHeaders(await client.PostAsJsonAsync("/api/complaints", new { text = "" }), "400 from POST /api/complaints");
        AssertSecurityHeaders(await client.PostAsync("/api/complaints", new StringContent("x", Encoding.UTF8, "text/plain")), "415 from POST /api/complaints");
        AssertSecurityHeaders(await client.PostAsync("/api/inbound/sms/acs", new StringContent("[]", Encoding.UTF8, "application/json")), "401 from the ACS webhook");
        AssertSecurityHeaders(await client.PostAsync("/api/inbound/email?key=wrong", new StringContent("x")), "POST /api/inbound/email");

        using var agent = await StaffSession.SignInAsync(fixture.App, "amy@desk.example", "agent");
        var me = await agent.GetAsync("/api/portal/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        AssertSecurityHeaders(me, "200 from GET /api/portal/me");
        AssertSecurityHeaders(await agent.GetAsync("/api/portal/quarantine"), "403 from GET /api/portal/quarantine");
        AssertSecurityHeaders(await agent.GetAsync("/api/portal/lists/no-such-queue"), "404 from a portal queue");

        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
            ["From"] = "+8613800138300",
            ["To"] = AppHost.TwilioNumber,
            ["Body"] = "HELP",
        };
        var twiml = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        twiml.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature("http://complaints.test/api/inbound/sms/twilio", form));
        var answer = await client.SendAsync(twiml);
        Assert.Equal(new MediaTypeHeaderValue("application/xml"), new MediaTypeHeaderValue(answer.Content.Headers.ContentType!.MediaType!));
        AssertSecurityHeaders(answer, "TwiML answer");

        // A method no function takes never reaches the app: the Functions host answers 404 itself, as Microsoft's host
        // does, with an empty body, so there is nothing a browser could render or run.
        var unrouted = await client.DeleteAsync("/api/complaints");
        Assert.Equal(HttpStatusCode.NotFound, unrouted.StatusCode);
        Assert.Empty(await unrouted.Content.ReadAsByteArrayAsync());
    }
}
