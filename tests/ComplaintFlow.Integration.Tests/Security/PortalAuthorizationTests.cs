using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// Every function under <c>/api/portal</c>, read from the worker's own function metadata so that one added later is covered
/// without touching this test, refuses a request without a principal (401) and a principal without the role it
/// needs (403), in the production mode (<c>Auth:Mode=AppService</c>).
/// </summary>
public sealed class PortalAuthorizationTests(PortalAuthorizationTests.Host fixture) : IClassFixture<PortalAuthorizationTests.Host>
{
    public sealed class Host() : AppHostFixture(new Dictionary<string, string?> { ["Auth:Mode"] = "AppService" });

    private sealed record PortalEndpoint(string Method, string Path, bool SupervisorOnly, bool Anonymous)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>
    /// The portal's functions as the worker indexed them (functions.metadata in its build output), with the rule each
    /// function's <see cref="DeskAccessAttribute"/> sets (method first, then class).
    /// </summary>
    private static IReadOnlyList<PortalEndpoint> PortalEndpoints()
    {
        var rules = typeof(DeskAccessAttribute).Assembly.GetTypes()
            // The local sign-in is anonymous by design and exists only in development mode (see the test below).
            .Where(t => t != typeof(DevelopmentSignInFunction))
            .SelectMany(t => t.GetMethods().Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Rule: m.GetCustomAttribute<DeskAccessAttribute>() ?? t.GetCustomAttribute<DeskAccessAttribute>())))
            .Where(f => f.Function is not null)
            .ToDictionary(f => f.Function!.Name, f => f.Rule);
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppHost.WorkerOutput, "functions.metadata")));
        return
        [
            .. metadata.RootElement.EnumerateArray()
                .Where(f => rules.ContainsKey(f.GetProperty("name").GetString()!))
                .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                    .Where(b => b.GetProperty("type").GetString() == "httpTrigger"
                        && b.GetProperty("route").GetString()!.StartsWith("api/portal", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => new PortalEndpoint(
                        m.GetString()!.ToUpperInvariant(),
                        // Route parameters get a plausible value: the check must happen before the value is even looked at.
                        "/" + Regex.Replace(b.GetProperty("route").GetString()!, @"\{(\w+)\}", p => p.Groups[1].Value == "list" ? "unassigned" : "cmp-0000000000000000000000000000"),
                        rules[f.GetProperty("name").GetString()!]?.Policy == PortalIdentity.SupervisorPolicy,
                        rules[f.GetProperty("name").GetString()!] is null)))),
        ];
    }

    private async Task<HttpStatusCode> CallAsync(PortalEndpoint endpoint, string? principal)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
        if (endpoint.Method != "GET")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        if (principal is not null)
        {
            request.Headers.Add(ClientPrincipal.Header, principal);
        }

        return (await fixture.App.Client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public void The_route_table_holds_the_portal_api_and_none_of_it_is_anonymous()
    {
        var endpoints = PortalEndpoints();

        // The desk's known routes are found (so an empty enumeration cannot pass) and some are for supervisors only.
        Assert.Contains(endpoints, e => e.ToString() == "GET /api/portal/lists/unassigned");
        Assert.Contains(endpoints, e => e.ToString() == "POST /api/portal/complaints/cmp-0000000000000000000000000000/resolve");
        Assert.Contains(endpoints, e => e.SupervisorOnly);
        Assert.DoesNotContain(endpoints, e => e.Anonymous);
    }

    /// <summary>Calls every portal endpoint as <paramref name="principal"/>; lists those whose status is not <paramref name="expected"/>.</summary>
    private async Task<IReadOnlyList<string>> UnexpectedAnswersAsync(string? principal, Func<PortalEndpoint, HttpStatusCode, bool> expected)
    {
        var wrong = new List<string>();
        foreach (var endpoint in PortalEndpoints())
        {
            var status = await CallAsync(endpoint, principal);
            if (!expected(endpoint, status))
            {
                wrong.Add($"{endpoint} ({(endpoint.SupervisorOnly ? "supervisor" : "agent")}): {(int)status}");
            }
        }

        return wrong;
    }

    private static bool Refused(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    [Fact]
    public async Task Every_portal_endpoint_answers_401_without_a_principal() =>
        Assert.Empty(await UnexpectedAnswersAsync(null, (_, status) => status == HttpStatusCode.Unauthorized));

    [Fact]
    public async Task Every_portal_endpoint_answers_403_to_a_signed_in_user_without_a_desk_role() =>
        Assert.Empty(await UnexpectedAnswersAsync(StaffSession.Principal("visitor@example.com", "reader"), (_, status) => status == HttpStatusCode.Forbidden));

    [Fact]
    public async Task Supervisor_endpoints_answer_403_to_an_agent_and_agent_endpoints_let_the_agent_in() =>
        Assert.Empty(await UnexpectedAnswersAsync(StaffSession.Principal("amy@desk.example", "agent"), (endpoint, status) =>
            endpoint.SupervisorOnly ? status == HttpStatusCode.Forbidden : !Refused(status)));

    [Fact]
    public async Task Supervisor_gets_past_authorization_on_every_portal_endpoint() =>
        Assert.Empty(await UnexpectedAnswersAsync(StaffSession.Principal("sam@desk.example", "supervisor"), (_, status) => !Refused(status)));

    [Theory]
    [InlineData("/api/portal/dev/sign-in")]
    [InlineData("/api/portal/dev/sign-out")]
    public async Task The_local_sign_in_does_not_exist_outside_development_mode(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{\"name\":\"mallory\",\"roles\":[\"supervisor\"]}", System.Text.Encoding.UTF8, "application/json"),
        };
        var response = await fixture.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_principal_header_that_is_not_base64_JSON_is_not_a_sign_in()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(new PortalEndpoint("GET", "/api/portal/me", false, false), "not-base64-json"));
    }
}
