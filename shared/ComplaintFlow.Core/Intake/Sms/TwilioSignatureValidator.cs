using System.Security.Cryptography;
using System.Text;
using Twilio.Security;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with Twilio's own <see cref="RequestValidator"/>: the full webhook URL (scheme,
/// host, path, query) followed by every POST parameter sorted by name, HMAC-SHA1 keyed with the account's auth token.
/// Twilio's validator also accepts the URL with and without the scheme's default port, because Twilio may sign
/// either form (its webhook security guide says so); a hand-written check of the one URL we rebuild refused those
/// texts with 403. The URL must be the public one configured in Twilio, not the one behind a proxy.
/// </summary>
public sealed class TwilioSignatureValidator(string authToken)
{
    private readonly RequestValidator _validator = new(authToken ?? throw new ArgumentNullException(nameof(authToken)));
    private readonly byte[] _key = Encoding.UTF8.GetBytes(authToken);

    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        // Twilio never posts one parameter name twice to a messaging webhook, and its validator reads a dictionary:
        // a repeated name is refused rather than guessed at.
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (!parameters.TryAdd(name, value))
            {
                return false;
            }
        }

        return _validator.Validate(url, parameters, signature.Trim());
    }

    /// <summary>The signature Twilio would send for this URL and form: what tests, the Twilio fake and the load bench sign with.</summary>
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
