using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// The principal App Service Authentication forwards in <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of
/// <c>{"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}</c>.
/// </summary>
public sealed record ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    [JsonPropertyName("auth_typ")]
    public string? AuthenticationType { get; init; }

    [JsonPropertyName("claims")]
    public IReadOnlyList<ClientPrincipalClaim> Claims { get; init; } = [];

    [JsonPropertyName("name_typ")]
    public string? NameClaimType { get; init; }

    [JsonPropertyName("role_typ")]
    public string? RoleClaimType { get; init; }

    /// <summary>
    /// Reads the header value; null when it is not base64 JSON of that shape: not base64, not JSON, not an object,
    /// <c>"claims": null</c> or a null or non-string claim. Anything that decodes is safe to turn into claims.
    /// </summary>
    public static ClientPrincipal? Decode(string value)
    {
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var principal = JsonSerializer.Deserialize<ClientPrincipal>(json);
            // The serializer leaves a member null when the JSON says null, whatever its declared default.
            return principal is { Claims: { } claims } && claims.All(c => c is not null) ? principal : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this));

    public ClaimsPrincipal ToClaimsPrincipal()
    {
        var nameType = NameClaimType ?? ClaimTypes.Name;
        var roleType = RoleClaimType ?? ClaimTypes.Role;
        var identity = new ClaimsIdentity(AuthenticationType ?? "appservice", nameType, roleType);
        identity.AddClaims(Claims.Where(c => c.Type is not null && c.Value is not null).Select(c => new Claim(c.Type!, c.Value!)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A principal as the development sign-in page makes it, shaped like Entra ID's.</summary>
    public static ClientPrincipal For(string name, IEnumerable<string> roles) => new()
    {
        AuthenticationType = "development",
        NameClaimType = ClaimTypes.Name,
        RoleClaimType = "roles",
        Claims = [new ClientPrincipalClaim(ClaimTypes.Name, name), new ClientPrincipalClaim("name", name), .. roles.Select(r => new ClientPrincipalClaim("roles", r))],
    };
}

public sealed record ClientPrincipalClaim(
    [property: JsonPropertyName("typ")] string? Type,
    [property: JsonPropertyName("val")] string? Value);
