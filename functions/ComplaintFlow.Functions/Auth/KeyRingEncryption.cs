using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ComplaintFlow.Core.Desk;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// <c>ComplaintFlow:DataProtection</c>: the key-encryption keys that wrap the data-protection key ring at rest. In
/// Azure both are App Service Key Vault references (secrets <c>data-protection-kek</c> and
/// <c>data-protection-kek-previous</c>); see docs/security.md, "Keys at rest".
/// </summary>
public sealed class KeyRingEncryptionOptions
{
    public const string Section = "ComplaintFlow:DataProtection";

    /// <summary>Base64 of 32 random bytes. Required unless <c>Auth:Mode</c> is Development.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>Keys rotated out, still needed to read the keys they wrapped: base64 values separated by commas.</summary>
    public string? PreviousKeyEncryptionKeys { get; set; }

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(KeyEncryptionKey);

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

        if (!options.IsConfigured)
        {
            return auth.Value.Mode == AuthMode.Development
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{KeyName} is required unless Auth:Mode is Development: without it the keys that sign the desk's anti-forgery tokens would be "
                    + "stored unencrypted. Set it to base64 of 32 random bytes (azd generates DATA_PROTECTION_KEK, Bicep stores it in Key Vault).");
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

    private static byte[] Base64Of(XElement element, string name)
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
