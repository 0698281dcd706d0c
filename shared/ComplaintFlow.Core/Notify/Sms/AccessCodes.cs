using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify.Sms;

/// <summary>
/// The one-time codes that let a customer we can only text read the written resolution online. A code is six digits
/// derived with HMAC-SHA256 from <see cref="SmsOptions.AccessCodeKey"/> and the id of the text that carries it, so
/// Notify writes it into the text at send time (through its exactly-once path) while the complaint keeps only a keyed
/// hash of it, and the queue message only the notice's id. Without the key nobody can compute or test a code offline.
/// </summary>
public sealed class AccessCodes(SmsOptions options)
{
    public const int Digits = 6;

    private readonly byte[]? _key = string.IsNullOrEmpty(options.AccessCodeKey) ? null : Encoding.UTF8.GetBytes(options.AccessCodeKey);

    /// <summary>Whether a key is configured; without one no code is sent.</summary>
    public bool Enabled => _key is not null;

    /// <summary>The code the text <paramref name="notificationId"/> carries.</summary>
    public string CodeFor(string notificationId)
    {
        var mac = Mac("code|" + notificationId);
        var number = BinaryPrimitives.ReadUInt32BigEndian(mac) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>What the complaint keeps of the code: a keyed hash, bound to the text that carried it.</summary>
    public string HashOf(string notificationId, string code) => Convert.ToBase64String(Mac("hash|" + notificationId + "|" + code));

    /// <summary>The code as typed (spaces and dashes allowed, full-width digits read as digits) against the kept hash, in constant time.</summary>
    public bool Matches(AccessCode stored, string? typed)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var digits = Normalise(typed);
        var given = Convert.FromBase64String(HashOf(stored.NotificationId, digits ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(given, Convert.FromBase64String(stored.CodeHash)) & digits is not null;
    }

    /// <summary>Six digits, or null when the input cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var folded = typed.Normalize(NormalizationForm.FormKC);
        var digits = new string([.. folded.Where(c => c is >= '0' and <= '9')]);
        var rest = folded.Where(c => c is not (>= '0' and <= '9')).All(c => char.IsWhiteSpace(c) || c == '-');
        return digits.Length == Digits && rest ? digits : null;
    }

    private byte[] Mac(string message) =>
        HMACSHA256.HashData(_key ?? throw new InvalidOperationException("ComplaintFlow:Sms:AccessCodeKey is not set."), Encoding.UTF8.GetBytes(message));
}
