using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>What creating the storm's incidents came to: their ids by incident key, or why there are none.</summary>
internal sealed record IncidentSetup(IReadOnlyDictionary<string, string> Ids, string? Unavailable)
{
    public bool Available => Unavailable is null;
}

/// <summary>
/// A supervisor at the desk, as App Service Authentication presents one (<c>X-MS-CLIENT-PRINCIPAL</c>, plus the
/// portal's anti-forgery token and cookie): opens the storm's incidents and reads which incident each complaint was
/// linked to.
/// </summary>
internal sealed class StormDesk : IDisposable
{
    private readonly HttpClient _client;
    private string? _antiforgeryToken;

    private StormDesk(Uri address)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
        };
        _client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("storm.supervisor", "agent", "supervisor"));
    }

    public static async Task<StormDesk> SignInAsync(Uri address, CancellationToken cancellationToken)
    {
        var desk = new StormDesk(address);
        using var me = await desk._client.GetAsync("/api/portal/me", cancellationToken);
        if (me.IsSuccessStatusCode)
        {
            desk._antiforgeryToken = (await me.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("antiforgeryToken").GetString();
        }

        return desk;
    }

    /// <summary>Opens each incident of the storm, starting before the run; a 404 means this build has no incidents.</summary>
    public async Task<IncidentSetup> OpenIncidentsAsync(DateTimeOffset startsAt, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>();
        foreach (var incident in StormAreas.Incidents)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/portal/incidents")
            {
                Content = JsonContent.Create(new
                {
                    area = incident.Area.Key,
                    category = incident.Category,
                    startsAt = startsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    description = new Dictionary<string, string>
                    {
                        ["en"] = incident.English,
                        ["zh-Hans"] = incident.Simplified,
                        ["zh-Hant"] = incident.Traditional,
                    },
                }),
            };
            if (_antiforgeryToken is not null)
            {
                request.Headers.Add("X-CSRF-TOKEN", _antiforgeryToken);
            }

            using var response = await _client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new IncidentSetup(ids, "no incidents API");
            }

            if (response.StatusCode != HttpStatusCode.Created)
            {
                return new IncidentSetup(ids, $"opening an incident answered HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            ids[incident.Key] = body.GetProperty("id").GetString() ?? throw new InvalidOperationException("An incident came back without an id.");
        }

        return new IncidentSetup(ids, null);
    }

    /// <summary>The incident the desk shows a complaint linked to (null when none), or an error for a complaint it cannot show.</summary>
    public async Task<(string? IncidentId, string? Error)> LinkedIncidentAsync(string complaintId, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync($"/api/portal/complaints/{Uri.EscapeDataString(complaintId)}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"HTTP {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.TryGetProperty("incidentId", out var id) && id.ValueKind == JsonValueKind.String ? (id.GetString(), null) : (null, null);
    }

    /// <summary>The header as App Service Authentication writes it (Entra ID claim types).</summary>
    private static string Principal(string name, params string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", val = name },
            new { typ = "name", val = name },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims,
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "roles",
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    public void Dispose() => _client.Dispose();
}
