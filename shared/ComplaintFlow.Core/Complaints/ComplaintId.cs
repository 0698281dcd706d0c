using System.Security.Cryptography;
using System.Text;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// Complaint ids are derived from the channel's own message id (SendGrid Message-Id, Twilio MessageSid, the web
/// form's idempotency key), so a redelivered webhook or queue message maps to the complaint it already created.
/// The id is ten Crockford base-32 characters (50 bits); the customer-facing reference is the same id written as
/// <c>CF-XXXXX-XXXXX</c>, so a reference needs no lookup table.
/// </summary>
public static class ComplaintId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

    public static string FromSource(Channel channel, string sourceMessageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceMessageId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}:{sourceMessageId}"));
        ulong bits = 0;
        for (var i = 0; i < 8; i++)
        {
            bits = (bits << 8) | hash[i];
        }

        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)(bits >> (64 - (5 * (i + 1)))) & 31];
        }

        return new string(chars);
    }

    public static string ToReference(string id) => $"CF-{id[..5]}-{id[5..]}";

    /// <summary>
    /// Reads a reference or id as a customer may type it: any case, with or without dashes or spaces, O for 0 and
    /// I or L for 1. A leading <c>CF</c> is the reference prefix only when what follows it is a whole id; otherwise it
    /// is part of the id, since one id in 1,024 itself begins with C and F.
    /// </summary>
    public static bool TryParse(string? referenceOrId, out string id)
    {
        id = string.Empty;
        if (string.IsNullOrWhiteSpace(referenceOrId))
        {
            return false;
        }

        var builder = new StringBuilder(Length + 2);
        foreach (var c in referenceOrId.Trim().ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var mapped = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (!Alphabet.Contains(mapped, StringComparison.Ordinal) || builder.Length == Length + 2)
            {
                return false;
            }

            builder.Append(mapped);
        }

        // Separators are gone, so the length alone decides: ten characters are an id, twelve are CF and an id.
        var text = builder.ToString();
        if (text.Length == Length + 2 && text.StartsWith("CF", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.Length != Length)
        {
            return false;
        }

        id = text;
        return true;
    }
}
