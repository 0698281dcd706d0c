using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// The incidents API on the real function app and Azurite: a supervisor opens an incident (201 with its id, the
/// contract the storm benchmark relies on), bad input and the wrong role are refused, and a complaint about the outage
/// comes out of triage linked (<c>incidentId</c> on the complaint's JSON), another with <c>incidentId: null</c>.
/// </summary>
public sealed class IncidentApiTests
{
    [Fact]
    public async Task A_supervisor_opens_an_incident_and_a_complaint_naming_its_area_is_linked_by_triage()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });
        using var sam = await StaffSession.SignInAsync(host, "sam@desk.example", "supervisor");
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");
        var body = new Dictionary<string, object>
        {
            ["area"] = "kowloon-tong",
            ["category"] = "outage",
            ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-30).ToString("o"),
            ["description"] = new Dictionary<string, string> { ["en"] = "A cable fault cut power in Kowloon Tong.", ["zh-Hans"] = "九龙塘电缆故障停电。" },
        };

        var opened = await sam.PostAsync("/api/portal/incidents", body);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incidentId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The wrong role, bad input and an unknown incident write nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await amy.PostAsync("/api/portal/incidents", body)).StatusCode);
        var bad = await sam.PostAsync("/api/portal/incidents", new { area = "atlantis", category = "outage", startsAt = "soon", description = new { en = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("kowloon-tong", errors.GetProperty("area")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("startsAt", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/api/portal/incidents/inc-nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.PostAsync("/api/portal/incidents/inc-nope/updates", new { text = new { en = "x" } })).StatusCode);
        var list = await (await amy.GetAsync("/api/portal/incidents")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([incidentId], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incident").GetProperty("id").GetString()));

        // The open-incident cache is a few seconds: complaints sent after it see the incident.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var linked = await SubmitAsync(host, "Power cut in Kowloon Tong since this morning, the lift is stuck.", "incident-api-1");
        var other = await SubmitAsync(host, "My bill is wrong, I was charged twice.", "incident-api-2");

        var linkedJson = await AppHost.EventuallyAsync(async () => (await amy.ComplaintAsync(linked)).Body, c => c.GetProperty("status").GetString() != "Received", "triage", TimeSpan.FromSeconds(90));
        Assert.Equal(incidentId, linkedJson.GetProperty("incidentId").GetString());
        Assert.Contains(linkedJson.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == "incident-linked");
        var otherJson = await AppHost.EventuallyAsync(async () => (await amy.ComplaintAsync(other)).Body, c => c.GetProperty("status").GetString() != "Received", "triage", TimeSpan.FromSeconds(90));
        Assert.Equal(JsonValueKind.Null, otherJson.GetProperty("incidentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, otherJson.GetProperty("incidentSuggestion").ValueKind);

        // The index follows: the incident's page lists the linked complaint.
        var detail = await (await amy.GetAsync($"/api/portal/incidents/{incidentId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, detail.GetProperty("linked").GetInt32());
        Assert.Equal([linked], detail.GetProperty("complaints").EnumerateArray().Select(c => c.GetString()));
    }

    private static async Task<string> SubmitAsync(AppHost host, string text, string key)
    {
        var accepted = await (await host.SubmitAsync(new { email = $"{key}@example.com", text, language = "en" }, key)).Content.ReadFromJsonAsync<JsonElement>();
        return accepted.GetProperty("id").GetString()!;
    }
}
