using System.Security.Cryptography;
using SendGrid.Helpers.EventWebhook;

namespace ComplaintFlow.Azure.SendGrid;

/// <summary>
/// Checks the Event Webhook's signature with SendGrid's own <see cref="RequestValidator"/>: ECDSA (P-256, SHA-256)
/// over the timestamp header followed by the raw body, against the account's verification key. Without a key every
/// post is refused: an unsigned report could mark a notice delivered or suppress a customer's address.
/// </summary>
public sealed class SendGridEventSignature(SendGridOptions options)
{
    public const string SignatureHeader = RequestValidator.SIGNATURE_HEADER;
    public const string TimestampHeader = RequestValidator.TIMESTAMP_HEADER;

    public bool IsConfigured => IsSet(options.EventWebhookPublicKey);

    /// <summary>
    /// Set, and not a Key Vault reference App Service could not resolve (the secret is not in the vault yet: App
    /// Service then passes the reference text itself), which means "not configured", not "a wrong key".
    /// </summary>
    public static bool IsSet(string? publicKey) =>
        !string.IsNullOrWhiteSpace(publicKey) && !publicKey.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    public bool IsValid(string payload, string? signature, string? timestamp)
    {
        if (!IsConfigured || string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return false;
        }

        try
        {
            var validator = new RequestValidator();
            return validator.VerifySignature(validator.ConvertPublicKeyToECDSA(options.EventWebhookPublicKey), payload, signature, timestamp);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException or IndexOutOfRangeException or InvalidOperationException)
        {
            return false; // a signature that is not base64 DER is simply not valid
        }
    }

    public static bool IsKey(string publicKey)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            return true;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
