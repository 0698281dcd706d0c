using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// Key Vault's key operations on 127.0.0.1, as documented for api-version 7.4 (learn.microsoft.com/rest/api/keyvault/
/// keys/wrap-key, unwrap-key): <c>POST /keys/{name}[/{version}]/wrapkey</c> and <c>.../unwrapkey</c> with
/// <c>{"alg":"RSA-OAEP-256","value":base64url}</c>, answering <c>{"kid":…,"value":…}</c>. RSA 3072 keys that never
/// leave it; a versionless call uses the newest version; <see cref="Rotate"/> adds a version, as Key Vault's rotation
/// policy does. Refuses calls without the expected bearer token (401) or for a key it does not hold (404).
/// </summary>
public sealed class KeyVaultFake : IAsyncDisposable
{
    public const string Token = "fake-key-vault-token";
    private readonly WebApplication _app;
    private readonly List<(string Version, RSA Key)> _versions = [];

    private KeyVaultFake(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;
    public string KeyName { get; } = "data-protection";
    public string KeyId => $"{Address.GetLeftPart(UriPartial.Authority)}/keys/{KeyName}";
    public ConcurrentQueue<(string Path, string Operation, string? Version)> Calls { get; } = new();

    public static async Task<KeyVaultFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new KeyVaultFake(app);
        fake.Rotate();
        app.MapPost("/keys/{name}/{operation}", (HttpContext c, string name, string operation) => fake.HandleAsync(c, name, null, operation));
        app.MapPost("/keys/{name}/{version}/{operation}", (HttpContext c, string name, string version, string operation) => fake.HandleAsync(c, name, version, operation));
        await app.StartAsync();
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>A new key version becomes current; earlier ones still unwrap.</summary>
    public string Rotate()
    {
        lock (_versions)
        {
            var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _versions.Add((version, RSA.Create(3072)));
            return version;
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context, string name, string? version, string operation)
    {
        Calls.Enqueue((context.Request.Path, operation, version));
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            return Error(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
        }

        if (context.Request.Query["api-version"] != "7.4" || operation is not ("wrapkey" or "unwrapkey"))
        {
            return Error(400, "BadParameter", "Unknown api-version or operation.");
        }

        (string Version, RSA Key) key;
        lock (_versions)
        {
            var found = name == KeyName ? _versions.Where(v => version is null || v.Version == version).Select(v => ((string, RSA)?)v).LastOrDefault() : null;
            if (found is null)
            {
                return Error(404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
            }

            key = found.Value;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (body?["alg"]?.GetValue<string>() != "RSA-OAEP-256" || body["value"]?.GetValue<string>() is not { } value)
        {
            return Error(400, "BadParameter", "alg must be RSA-OAEP-256 and value is required.");
        }

        try
        {
            var input = Base64Url.DecodeFromChars(value);
            var output = operation == "wrapkey"
                ? key.Key.Encrypt(input, RSAEncryptionPadding.OaepSHA256)
                : key.Key.Decrypt(input, RSAEncryptionPadding.OaepSHA256);
            return Results.Json(new JsonObject { ["kid"] = $"{KeyId}/{key.Version}", ["value"] = Base64Url.EncodeToString(output) });
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return Error(400, "BadParameter", "The value could not be " + (operation == "wrapkey" ? "wrapped." : "unwrapped."));
        }
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        lock (_versions)
        {
            _versions.ForEach(v => v.Key.Dispose());
        }
    }
}
