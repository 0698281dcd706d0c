using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// A member of staff talking to the portal API the way App Service Authentication delivers them: the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header, plus the anti-forgery token and cookie the portal hands out.
/// </summary>
internal sealed class StaffSession : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies;
    private readonly string? _principal;
    private string? _antiforgeryToken;

    private StaffSession(AppHost host, CookieContainer cookies, string? principal)
    {
        _cookies = cookies;
        _principal = principal;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
        };
        if (principal is not null)
        {
            _client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }
    }

    public static StaffSession Anonymous(AppHost host) => new(host, new CookieContainer(), null);

    /// <summary>The same person, cookies and token, talking to another instance of the app.</summary>
    public StaffSession On(AppHost other) => new(other, _cookies, _principal) { _antiforgeryToken = _antiforgeryToken };

    public static async Task<StaffSession> SignInAsync(AppHost host, string name, params string[] roles)
    {
        var session = new StaffSession(host, new CookieContainer(), Principal(name, roles));
        var me = await session._client.GetAsync("/api/portal/me");
        if (me.IsSuccessStatusCode)
        {
            session._antiforgeryToken = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();
        }

        return session;
    }

    /// <summary>The header exactly as App Service Authentication writes it (Entra ID claim types).</summary>
    public static string Principal(string name, params string[] roles)
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

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public async Task<(JsonElement Body, string Version)> ComplaintAsync(string id)
    {
        var response = await _client.GetAsync($"/api/portal/complaints/{id}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, string? version = null, bool withAntiforgery = true, int? seenSequence = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (withAntiforgery && _antiforgeryToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", _antiforgeryToken);
        }

        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", version);
        }

        if (seenSequence is not null)
        {
            request.Headers.Add("X-Seen-Sequence", seenSequence.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutAsync(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (_antiforgeryToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", _antiforgeryToken);
        }

        return _client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> ActAsync(string id, string action, object? body = null)
    {
        var (_, version) = await ComplaintAsync(id);
        return await PostAsync($"/api/portal/complaints/{id}/{action}", body, version);
    }

    public void Dispose() => _client.Dispose();
}
