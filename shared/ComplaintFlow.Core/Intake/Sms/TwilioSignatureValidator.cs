using System.Security.Cryptography;
using System.Text;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> as Twilio documents it: the full webhook URL (scheme, host, path, query) followed
/// by every POST parameter sorted by name, each written as name then value with no separator; HMAC-SHA1 keyed with
/// the account's auth token; base64. The URL must be the one configured in Twilio, not the one behind a proxy.
/// </summary>
public sealed class TwilioSignatureValidator(string authToken)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(authToken ?? throw new ArgumentNullException(nameof(authToken)));

    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(ComputeSignature(url, form));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()));
    }

    public string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(_key, Encoding.UTF8.GetBytes(data.ToString())));
    }
}
