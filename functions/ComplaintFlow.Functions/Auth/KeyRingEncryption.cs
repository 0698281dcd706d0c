using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ComplaintFlow.Azure.KeyVault;
using ComplaintFlow.Core.Desk;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// <c>ComplaintFlow:DataProtection</c>: what wraps the data-protection key ring at rest. In Azure, a Key Vault key
/// (<see cref="KeyVaultKeyId"/>, created by Bicep; the app's identity may wrap and unwrap with it, nothing more). The
/// older key-encryption keys (App Service Key Vault references to secrets <c>data-protection-kek</c> and
/// <c>data-protection-kek-previous</c>) still read the keys they wrapped, and wrap new ones where no Key Vault key is
/// configured. See docs/security.md, "Keys at rest".
/// </summary>
public sealed class KeyRingEncryptionOptions
{
    public const string Section = "ComplaintFlow:DataProtection";

    /// <summary>The DI key of the credential the Key Vault calls are made with (tests register their own first).</summary>
    public const string CredentialKey = "data-protection-key-vault";

    /// <summary>
    /// <c>https://{vault}.vault.azure.net/keys/{name}</c>, versionless so a rotated key wraps new keys at once; each
    /// wrapped key records the version that wrapped it. When set it wraps every new key.
    /// </summary>
    public string? KeyVaultKeyId { get; set; }

    /// <summary>Client id of the user-assigned identity that calls Key Vault; empty: DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    /// <summary>Base64 of 32 random bytes. Required unless <c>Auth:Mode</c> is Development.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>Keys rotated out, still needed to read the keys they wrapped: base64 values separated by commas.</summary>
    public string? PreviousKeyEncryptionKeys { get; set; }

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(KeyEncryptionKey);

    internal bool HasKeyVaultKey => !string.IsNullOrWhiteSpace(KeyVaultKeyId);

    internal KeyEncryptionKeys Keys() => KeyEncryptionKeys.Parse(KeyEncryptionKey!, PreviousKeyEncryptionKeys);
}

/// <summary>
/// Fails closed: outside development the app does not start unless it can wrap new keys, so a key ring is never written
/// in the clear because a secret was missing or a Key Vault reference did not resolve.
/// </summary>
public sealed class KeyRingEncryptionValidation(IOptions<AuthOptions> auth) : IValidateOptions<KeyRingEncryptionOptions>
{
    private const string KeyName = KeyRingEncryptionOptions.Section + ":KeyEncryptionKey";
    private const string PreviousName = KeyRingEncryptionOptions.Section + ":PreviousKeyEncryptionKeys";
    private const string KeyVaultName = KeyRingEncryptionOptions.Section + ":KeyVaultKeyId";

    public ValidateOptionsResult Validate(string? name, KeyRingEncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Unresolved(options.KeyEncryptionKey) || Unresolved(options.PreviousKeyEncryptionKeys))
        {
            // App Service leaves a reference it cannot resolve in place as the setting's value.
            return ValidateOptionsResult.Fail(
                $"{(Unresolved(options.KeyEncryptionKey) ? KeyName : PreviousName)} is a Key Vault reference that did not resolve: the secret is missing "
                + "or the app's identity lacks the 'Key Vault Secrets User' role. The app will not store data-protection keys unencrypted.");
        }

        if (options.HasKeyVaultKey && !ComplaintFlow.Azure.KeyVault.KeyVaultKeyId.TryParse(options.KeyVaultKeyId, out _))
        {
            return ValidateOptionsResult.Fail(
                $"{KeyVaultName} must be a Key Vault key identifier, https://{{vault}}.vault.azure.net/keys/{{name}} (optionally /{{version}}), with no query.");
        }

        if (!options.IsConfigured)
        {
            return options.HasKeyVaultKey || auth.Value.Mode == AuthMode.Development
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{KeyVaultName} (or {KeyName}) is required unless Auth:Mode is Development: without it the keys that sign the desk's anti-forgery "
                    + "tokens would be stored unencrypted. Bicep sets it to the Key Vault key it creates (modules/keyvault.bicep).");
        }

        try
        {
            options.Keys();
            return ValidateOptionsResult.Success;
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail($"{KeyRingEncryptionOptions.Section}: {e.Message}");
        }
    }

    private static bool Unresolved(string? value) => value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>
/// Wraps each data-protection key element (its <c>&lt;descriptor&gt;</c>, which holds the master key) with the current
/// key-encryption key before the repository stores it. The framework keeps the result inside
/// <c>&lt;encryptedSecret decryptorType="..."&gt;</c>, so the stored XML holds the key id, nonce, tag and ciphertext only.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    internal static readonly XName Element = "wrappedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var wrapped = keys.Wrap(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        var element = new XElement(Element,
            new XAttribute("kid", wrapped.KeyId),
            new XAttribute("alg", KeyEncryptionKeys.Algorithm),
            new XElement("nonce", Convert.ToBase64String(wrapped.Nonce)),
            new XElement("tag", Convert.ToBase64String(wrapped.Tag)),
            new XElement("value", Convert.ToBase64String(wrapped.Ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>
/// Unwraps what <see cref="KeyRingXmlEncryptor"/> wrote, with the current or a previous key-encryption key. The
/// framework creates it by type name with the service provider.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var options = services.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value;
        if (!options.IsConfigured)
        {
            throw new CryptographicException(
                $"A data-protection key is wrapped with key-encryption key '{(string?)encryptedElement.Attribute("kid")}', and {KeyRingEncryptionOptions.Section}:KeyEncryptionKey is not set.");
        }

        if (encryptedElement.Name != KeyRingXmlEncryptor.Element || (string?)encryptedElement.Attribute("alg") != KeyEncryptionKeys.Algorithm)
        {
            throw new CryptographicException("The wrapped data-protection key is not in the expected form.");
        }

        var wrapped = new WrappedSecret(
            (string?)encryptedElement.Attribute("kid") ?? "",
            Base64Of(encryptedElement, "nonce"),
            Base64Of(encryptedElement, "tag"),
            Base64Of(encryptedElement, "value"));
        return XElement.Parse(Encoding.UTF8.GetString(options.Keys().Unwrap(wrapped)));
    }

    internal static byte[] Base64Of(XElement element, string name)
    {
        try
        {
            return Convert.FromBase64String(element.Element(name)?.Value ?? "");
        }
        catch (FormatException)
        {
            throw new CryptographicException($"The wrapped data-protection key's {name} is not base64.");
        }
    }
}

/// <summary>
/// Wraps each data-protection key element with a fresh AES-256-GCM data-encryption key, itself wrapped by the Key Vault
/// key (RSA-OAEP-256, in Key Vault). The stored XML holds the wrapped data key, the full id of the Key Vault key version
/// that wrapped it, the nonce, tag and ciphertext; the id is authenticated with the ciphertext.
/// </summary>
public sealed class KeyVaultXmlEncryptor(KeyVaultKeyWrapClient keyVault) : IXmlEncryptor
{
    internal static readonly XName Element = "keyVaultWrappedKey";
    internal const string Encryption = "A256GCM";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            // IXmlEncryptor is synchronous by contract; it runs when a key is created (at first start, then every 90
            // days), never per request, and the worker has no synchronization context to deadlock on.
            var (kid, wrappedKey) = keyVault.WrapAsync(dataKey, CancellationToken.None).GetAwaiter().GetResult();
            var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagBytes];
            using (var aes = new AesGcm(dataKey, TagBytes))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(kid));
            }

            var element = new XElement(Element,
                new XAttribute("kid", kid),
                new XAttribute("alg", KeyVaultKeyWrapClient.Algorithm),
                new XAttribute("enc", Encryption),
                new XElement("key", Convert.ToBase64String(wrappedKey)),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(ciphertext)));
            return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    internal static byte[] AssociatedData(string kid) => Encoding.UTF8.GetBytes($"complaintflow/data-protection-key/{KeyVaultKeyWrapClient.Algorithm}+{Encryption}/{kid}");
}

/// <summary>Unwraps what <see cref="KeyVaultXmlEncryptor"/> wrote, asking Key Vault to unwrap the data key. Created by type name.</summary>
public sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var kid = (string?)encryptedElement.Attribute("kid") ?? "";
        var keyVault = services.GetService<KeyVaultKeyWrapClient>()
            ?? throw new CryptographicException($"A data-protection key is wrapped with Key Vault key '{kid}', and {KeyRingEncryptionOptions.Section}:KeyVaultKeyId is not set.");
        if (encryptedElement.Name != KeyVaultXmlEncryptor.Element
            || (string?)encryptedElement.Attribute("alg") != KeyVaultKeyWrapClient.Algorithm
            || (string?)encryptedElement.Attribute("enc") != KeyVaultXmlEncryptor.Encryption)
        {
            throw new CryptographicException("The wrapped data-protection key is not in the expected form.");
        }

        var dataKey = keyVault.UnwrapAsync(kid, KeyRingXmlDecryptor.Base64Of(encryptedElement, "key"), CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            var nonce = KeyRingXmlDecryptor.Base64Of(encryptedElement, "nonce");
            var tag = KeyRingXmlDecryptor.Base64Of(encryptedElement, "tag");
            var ciphertext = KeyRingXmlDecryptor.Base64Of(encryptedElement, "value");
            if (dataKey.Length != 32 || nonce.Length != 12 || tag.Length != 16)
            {
                throw new CryptographicException("The wrapped data-protection key has a data key, nonce or tag of the wrong length.");
            }

            var plaintext = new byte[ciphertext.Length];
            using var aes = new AesGcm(dataKey, 16);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, KeyVaultXmlEncryptor.AssociatedData(kid));
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }
}
