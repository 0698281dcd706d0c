using System.Security.Cryptography;
using System.Xml.Linq;
using Azure.Core;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.KeyVault;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// In Azure the data-protection key ring is wrapped with a Key Vault key that never leaves Key Vault (docs/security.md,
/// "Keys at rest"): the app's own registration (<see cref="BlobKeyRing.AddBlobKeyRing"/>) with the ring in Azurite and
/// Key Vault played by <see cref="KeyVaultFake"/>, which speaks the documented wrapkey/unwrapkey JSON.
/// </summary>
public sealed class KeyVaultKeyRingTests : IAsyncLifetime
{
    private readonly string _prefix = "kv" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<ServiceProvider> _instances = [];
    private readonly List<string> _scopes = [];
    private KeyVaultFake _keyVault = null!;
    private Azurite _azurite = null!;

    public async Task InitializeAsync()
    {
        _keyVault = await KeyVaultFake.StartAsync();
        _azurite = await Azurite.SharedAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _keyVault.DisposeAsync();
    }

    /// <summary>One instance of the app's key ring: a new process reading the same container.</summary>
    private ServiceProvider Instance(string? keyVaultKeyId, string? keyEncryptionKey = null, string mode = "AppService")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = mode,
            ["ComplaintFlow:DataProtection:KeyVaultKeyId"] = keyVaultKeyId,
            ["ComplaintFlow:DataProtection:KeyEncryptionKey"] = keyEncryptionKey,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton(new StorageOptions { ConnectionString = _azurite.ConnectionString, NamePrefix = _prefix });
        services.AddSingleton(new BlobServiceClient(_azurite.ConnectionString));
        // The managed identity's token, as App Service would hand it over; the scope asked for is recorded.
        services.AddKeyedSingleton<TokenCredential>(KeyRingEncryptionOptions.CredentialKey, DelegatedTokenCredential.Create((context, _) =>
        {
            lock (_scopes)
            {
                _scopes.AddRange(context.Scopes);
            }

            return new AccessToken(KeyVaultFake.Token, DateTimeOffset.UtcNow.AddHours(1));
        }));
        BlobKeyRing.AddBlobKeyRing(services, configuration);
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    private static IDataProtector Protector(IServiceProvider instance) => instance.GetDataProtectionProvider().CreateProtector("anti-forgery");

    private async Task<List<XElement>> StoredKeysAsync()
    {
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(new StorageOptions { NamePrefix = _prefix }.Container(BlobKeyRing.ContainerName));
        var keys = new List<XElement>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            keys.Add(XElement.Parse((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString()));
        }

        return keys;
    }

    [Fact]
    public async Task A_key_is_stored_wrapped_by_the_Key_Vault_key_and_another_instance_unwraps_it_through_Key_Vault()
    {
        var token = Protector(Instance(_keyVault.KeyId)).Protect("request-verification");

        var stored = Assert.Single(await StoredKeysAsync());
        Assert.Empty(stored.Descendants("masterKey"));
        var wrapped = Assert.Single(stored.Descendants("keyVaultWrappedKey"));
        Assert.StartsWith(_keyVault.KeyId + "/", (string)wrapped.Attribute("kid")!, StringComparison.Ordinal);
        Assert.Equal("RSA-OAEP-256", (string?)wrapped.Attribute("alg"));
        Assert.Equal(typeof(KeyVaultXmlDecryptor).AssemblyQualifiedName, (string?)wrapped.Parent!.Attribute("decryptorType"));
        // The versionless key wrapped it (Key Vault used its current version); the wrapped data key is RSA-3072 sized.
        Assert.Equal(("wrapkey", (string?)null), Assert.Single(_keyVault.Calls, c => c.Operation == "wrapkey") is var w ? (w.Operation, w.Version) : default);
        Assert.Equal(384, Convert.FromBase64String(wrapped.Element("key")!.Value).Length);

        var other = Instance(_keyVault.KeyId);

        Assert.Equal("request-verification", Protector(other).Unprotect(token));
        var unwrap = Assert.Single(_keyVault.Calls, c => c.Operation == "unwrapkey");
        Assert.Equal(((string)wrapped.Attribute("kid")!).Split('/')[^1], unwrap.Version);
        Assert.All(_scopes, s => Assert.Equal("https://vault.azure.net/.default", s));
    }

    [Fact]
    public async Task After_Key_Vault_rotates_the_key_old_keys_unwrap_with_their_version_and_new_keys_use_the_new_one()
    {
        var first = Instance(_keyVault.KeyId);
        var token = Protector(first).Protect("issued before the rotation");
        var newVersion = _keyVault.Rotate();

        var afterRotation = Instance(_keyVault.KeyId);
        afterRotation.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        Assert.Equal("issued before the rotation", Protector(afterRotation).Unprotect(token));
        var kids = (await StoredKeysAsync()).SelectMany(k => k.Descendants("keyVaultWrappedKey")).Select(k => ((string)k.Attribute("kid")!).Split('/')[^1]).ToList();
        Assert.Equal(2, kids.Count);
        Assert.Contains(newVersion, kids);
        Assert.Equal(2, kids.Distinct().Count());
    }

    [Theory]
    [InlineData("https://attacker.example/keys/data-protection/0123")]
    [InlineData("{vault}/keys/another-key/0123")]
    public async Task A_stored_key_naming_another_vault_or_key_is_refused_without_sending_the_token_anywhere(string kid)
    {
        Protector(Instance(_keyVault.KeyId)).Protect("x");
        var stored = Assert.Single(await StoredKeysAsync());
        var calls = _keyVault.Calls.Count;
        var decryptor = new KeyVaultXmlDecryptor(Instance(_keyVault.KeyId));
        var element = stored.Descendants("keyVaultWrappedKey").Single();
        element.SetAttributeValue("kid", kid.Replace("{vault}", _keyVault.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));

        var refused = Assert.Throws<CryptographicException>(() => decryptor.Decrypt(element));

        Assert.Contains("other than the configured Key Vault key", refused.Message, StringComparison.Ordinal);
        Assert.Equal(calls, _keyVault.Calls.Count);
    }

    [Fact]
    public async Task A_stored_key_relabelled_with_another_version_of_the_same_key_is_refused_not_read()
    {
        Protector(Instance(_keyVault.KeyId)).Protect("x");
        var otherVersion = _keyVault.Rotate();
        var element = Assert.Single(await StoredKeysAsync()).Descendants("keyVaultWrappedKey").Single();
        element.SetAttributeValue("kid", $"{_keyVault.KeyId}/{otherVersion}");

        // Key Vault cannot unwrap with a version that did not wrap it; nothing unauthenticated is returned.
        Assert.Throws<CryptographicException>(() => new KeyVaultXmlDecryptor(Instance(_keyVault.KeyId)).Decrypt(element));
    }

    [Fact]
    public async Task Moving_from_the_key_encryption_key_to_the_Key_Vault_key_keeps_old_tokens_valid_and_wraps_new_keys_in_Key_Vault()
    {
        var kek = KeyEncryptionKeys.NewKey();
        var token = Protector(Instance(null, kek)).Protect("issued under the secret KEK");

        var migrated = Instance(_keyVault.KeyId, kek);
        Assert.Equal("issued under the secret KEK", Protector(migrated).Unprotect(token));
        migrated.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        var stored = await StoredKeysAsync();
        Assert.Single(stored, k => k.Descendants("wrappedKey").Any());
        Assert.Single(stored, k => k.Descendants("keyVaultWrappedKey").Any());
        // An instance without the Key Vault key cannot read what Key Vault wrapped: it says which setting is missing.
        var withoutKeyVault = new KeyVaultXmlDecryptor(Instance(null, kek));
        var missing = Assert.Throws<CryptographicException>(() => withoutKeyVault.Decrypt(stored.SelectMany(k => k.Descendants("keyVaultWrappedKey")).Single()));
        Assert.Contains("KeyVaultKeyId is not set", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_Vault_refusing_the_call_stops_the_key_being_written_rather_than_storing_it_in_the_clear()
    {
        var instance = Instance(_keyVault.KeyId.Replace("/keys/data-protection", "/keys/not-in-the-vault", StringComparison.Ordinal));

        var error = Assert.ThrowsAny<Exception>(() => Protector(instance).Protect("x"));

        Assert.Contains("KeyNotFound", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await StoredKeysAsync());
    }

    [Theory]
    [InlineData("http://kv-test.vault.azure.net/keys/data-protection")]
    [InlineData("https://kv-test.vault.azure.net/secrets/data-protection")]
    [InlineData("https://kv-test.vault.azure.net/keys/data-protection?api-version=7.4")]
    [InlineData("kv-test/data-protection")]
    public void A_key_id_that_is_not_an_https_Key_Vault_key_stops_the_app_with_the_setting_named(string keyId)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Instance(keyId).GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value);

        Assert.Contains("ComplaintFlow:DataProtection:KeyVaultKeyId must be a Key Vault key identifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_the_Key_Vault_key_alone_is_enough_to_start()
    {
        var options = Instance("https://kv-test.vault.azure.net/keys/data-protection").GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value;

        Assert.Equal("https://kv-test.vault.azure.net/keys/data-protection", options.KeyVaultKeyId);
    }

    [Fact]
    public void The_client_parses_key_ids_as_Key_Vault_writes_them()
    {
        Assert.True(KeyVaultKeyId.TryParse("https://kv-abc.vault.azure.net/keys/data-protection/0f1e2d", out var versioned));
        Assert.Equal(("data-protection", "0f1e2d"), (versioned!.Name, versioned.Version));
        Assert.True(KeyVaultKeyId.TryParse("https://kv-abc.vault.azure.net/keys/data-protection", out var versionless));
        Assert.True(versionless!.IsSameKey(versioned));
        Assert.False(KeyVaultKeyId.TryParse("https://kv-abc.vault.azure.net/keys/data-protection/0f1e2d/extra", out _));
    }
}
