using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// Production settings fail closed (issue 18): the Inbound Parse webhook without a configured secret takes nothing,
/// and a client principal header that cannot be read is refused with 401 problem+json and the security headers on
/// every route, in both auth modes.
/// </summary>
public sealed class FailClosedTests
{
    private static readonly string[] Routes = ["/api/portal/me", "/api/portal/complaints", "/portal/", "/api/complaints/CF-00000-00000?contact=x%40example.com", "/"];

    [Fact]
    public async Task Without_a_webhook_secret_in_production_inbound_email_is_refused_and_nothing_is_recorded()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "AppService" });
        var post = SendGridPost.Mail("Li <li@example.cn>", "Bill", "My bill is wrong.", "closed-1@example.cn");
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);

        var response = await host.Client.PostAsync("/api/inbound/email", content);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "closed-1@example.cn"), CancellationToken.None));
    }

    /// <summary>Seeded, so a failure names an input that can be replayed; short enough for every CI run.</summary>
    public static IEnumerable<string> MalformedPrincipals(int seed, int count)
    {
        string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        string[] fixedCases =
        [
            B64("{\"claims\":null}"),
            B64("{\"claims\":[null]}"),
            B64("{\"claims\":{}}"),
            B64("{\"claims\":[{\"typ\":1,\"val\":2}]}"),
            B64("null"),
            B64("[]"),
            B64("\"text\""),
            B64("{\"auth_typ\":\"aad\",\"claims\":[]}"),
            B64(new string('[', 5000)),
            "not base64 at all",
            "e30",
            "%%%",
        ];
        foreach (var fixedCase in fixedCases)
        {
            yield return fixedCase;
        }

        var random = new Random(seed);
        var valid = ClientPrincipal.For("amy@desk.example", ["agent"]).Encode();
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(valid));
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(4))
            {
                case 0:
                    // The JSON with one character replaced, or cut short.
                    var chars = json.ToCharArray();
                    chars[random.Next(chars.Length)] = "{}[]\":,n0 \\"[random.Next(11)];
                    yield return B64(random.Next(2) == 0 ? new string(chars) : json[..random.Next(json.Length)]);
                    break;
                case 1:
                    // Base64 damaged.
                    var damaged = valid.ToCharArray();
                    damaged[random.Next(damaged.Length)] = "!*-_ ="[random.Next(6)];
                    yield return new string(damaged);
                    break;
                case 2:
                    var bytes = new byte[random.Next(1, 64)];
                    random.NextBytes(bytes);
                    yield return Convert.ToBase64String(bytes);
                    break;
                default:
                    yield return B64($"{{\"claims\":[{string.Join(',', Enumerable.Repeat(random.Next(3) switch { 0 => "null", 1 => "{}", _ => "[]" }, random.Next(1, 4)))}]}}");
                    break;
            }
        }
    }

    [Theory]
    [InlineData("AppService")]
    [InlineData("Development")]
    public async Task A_malformed_client_principal_is_refused_with_401_problem_json_and_the_security_headers_on_every_route(string mode)
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = mode });
        var failures = new List<string>();
        var index = 0;
        foreach (var header in MalformedPrincipals(seed: 18, count: 30))
        {
            var route = Routes[index++ % Routes.Length];
            using var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.TryAddWithoutValidation(ClientPrincipal.Header, header);
            using var response = await host.Client.SendAsync(request);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var headers = response.Headers.TryGetValues("Content-Security-Policy", out _) && response.Headers.TryGetValues("X-Content-Type-Options", out _);
            // A mutation may still read as a named principal: that caller is signed in, and the route answers as usual.
            var readable = ClientPrincipal.Decode(header) is { } principal && !string.IsNullOrEmpty(principal.ToClaimsPrincipal().Identity?.Name);
            var ok = readable ? (int)response.StatusCode < 500 : response.StatusCode == HttpStatusCode.Unauthorized && problem && headers;
            if (!ok)
            {
                failures.Add($"{(int)response.StatusCode} problem={problem} headers={headers} {route} {header[..Math.Min(60, header.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
