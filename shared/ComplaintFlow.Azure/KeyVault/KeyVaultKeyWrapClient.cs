using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Core;

namespace ComplaintFlow.Azure.KeyVault;

/// <summary>
/// Wraps and unwraps a symmetric key with a Key Vault key (RSA-OAEP-256), over Key Vault's REST API
/// (<c>POST {key}/wrapkey</c> and <c>POST {kid}/unwrapkey</c>, api-version 7.4). The key-wrapping key never leaves Key
/// Vault: each unwrap is a Key Vault call, authorised by the app's identity and audited there. Written by hand because
/// <c>Azure.Extensions.AspNetCore.DataProtection.Keys</c> is not served by this project's package feed; the wire
/// format is the documented one (learn.microsoft.com/rest/api/keyvault/keys/wrap-key and unwrap-key).
/// </summary>
public sealed class KeyVaultKeyWrapClient
{
    public const string ApiVersion = "7.4";
    public const string Algorithm = "RSA-OAEP-256";
    public const string TokenScope = "https://vault.azure.net/.default";

    private readonly HttpClient http;
    private readonly TokenCredential credential;
    private readonly KeyVaultKeyId key;

    public KeyVaultKeyWrapClient(HttpClient http, KeyVaultKeyId key, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.http = http;
        this.key = key;
        this.credential = credential;
    }

    /// <summary>The key configured for wrapping, as given (versionless: Key Vault wraps with its current version).</summary>
    public KeyVaultKeyId Key => key;

    /// <summary>Wraps <paramref name="secret"/>; returns the full id of the key version that wrapped it, which unwraps it.</summary>
    public async Task<(string Kid, byte[] Wrapped)> WrapAsync(byte[] secret, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(new Uri(key.Uri + "/wrapkey?api-version=" + ApiVersion), secret, cancellationToken);
        var kid = answer["kid"]?.GetValue<string>();
        if (kid is null || KeyVaultKeyId.TryParse(kid, out var version) is false || !key.IsSameKey(version!) || version!.Version is null)
        {
            throw new CryptographicException("Key Vault answered the wrap with no key version of the configured key.");
        }

        return (kid, Base64Url.DecodeFromChars(answer["value"]!.GetValue<string>()));
    }

    /// <summary>
    /// Unwraps with the key version <paramref name="kid"/> names. A kid naming any other vault or key is refused without a
    /// call: the stored value must never send the app's token, or the wrapped key, to a host it names.
    /// </summary>
    public async Task<byte[]> UnwrapAsync(string kid, byte[] wrapped, CancellationToken cancellationToken)
    {
        if (!KeyVaultKeyId.TryParse(kid, out var version) || !key.IsSameKey(version!) || version!.Version is null)
        {
            throw new CryptographicException($"The wrapped data-protection key names a key other than the configured Key Vault key ({key.Uri}).");
        }

        var answer = await CallAsync(new Uri(version.Uri + "/unwrapkey?api-version=" + ApiVersion), wrapped, cancellationToken);
        return Base64Url.DecodeFromChars(answer["value"]!.GetValue<string>());
    }

    private async Task<JsonNode> CallAsync(Uri uri, byte[] value, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([TokenScope]), cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new JsonObject { ["alg"] = Algorithm, ["value"] = Base64Url.EncodeToString(value) }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Key Vault's error body names the problem (e.g. Forbidden: the identity lacks the role); it holds no secret.
            var error = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken).ConfigureAwait(false) is { } body
                ? body["error"]?["code"]?.GetValue<string>() + ": " + body["error"]?["message"]?.GetValue<string>()
                : "";
            throw new CryptographicException($"Key Vault refused the key operation on {uri.GetLeftPart(UriPartial.Path)} ({(int)response.StatusCode} {error}).");
        }

        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken)
            ?? throw new CryptographicException("Key Vault answered the key operation with no body.");
    }
}

/// <summary>
/// A Key Vault key identifier, <c>https://{vault}.vault.azure.net/keys/{name}[/{version}]</c>. Plain <c>http</c> is
/// accepted only for a loopback host (the tests' local Key Vault fake).
/// </summary>
public sealed record KeyVaultKeyId(Uri Vault, string Name, string? Version)
{
    public string Uri => $"{Vault.GetLeftPart(UriPartial.Authority)}/keys/{Name}" + (Version is null ? "" : "/" + Version);

    public bool IsSameKey(KeyVaultKeyId other) =>
        string.Equals(Vault.GetLeftPart(UriPartial.Authority), other.Vault.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public static bool TryParse(string? value, out KeyVaultKeyId? id)
    {
        id = null;
        if (!System.Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
            || !(uri.Scheme == System.Uri.UriSchemeHttps || (uri.Scheme == System.Uri.UriSchemeHttp && uri.IsLoopback))
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length is < 2 or > 3 || segments[0] != "keys" || !segments.Skip(1).All(IsName))
        {
            return false;
        }

        id = new KeyVaultKeyId(new Uri(uri.GetLeftPart(UriPartial.Authority)), segments[1], segments.Length == 3 ? segments[2] : null);
        return true;
    }

    private static bool IsName(string segment) => segment.Length is > 0 and <= 127 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
