using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// The per-complaint address our notices ask replies to go to: <c>complaints+{id}-{token}@parse.example</c> (the
/// <see cref="NotifyOptions.ReplyAddress"/> with a plus-tag), the token an HMAC-SHA256 of the complaint id under
/// <see cref="NotifyOptions.ReplyTokenKey"/>. Only we can write it, so a reply sent to it comes from someone who read
/// a notice about that complaint (the customer answering from another mailbox, or a person they forwarded it to),
/// and speaks for the complaint although its sender is not the contact's address. Without both settings notices
/// carry no Reply-To and only the contact's own mailbox may reply.
/// </summary>
public sealed class ReplyAddresses(NotifyOptions options)
{
    /// <summary>Hex digits of the MAC kept in the address: 80 bits, far beyond guessing through a webhook.</summary>
    private const int TokenLength = 20;

    public bool IsConfigured => options.ReplyAddress is { Length: > 0 } && options.ReplyTokenKey is { Length: > 0 };

    /// <summary>The Reply-To address for notices about the complaint; null when not configured.</summary>
    public string? For(string complaintId)
    {
        if (!IsConfigured)
        {
            return null;
        }

        var at = options.ReplyAddress!.LastIndexOf('@');
        return $"{options.ReplyAddress[..at]}+{complaintId.ToLowerInvariant()}-{Token(complaintId)}@{options.ReplyAddress[(at + 1)..]}";
    }

    /// <summary>True when one of the recipients is the reply address issued for this complaint (any case).</summary>
    public bool AnyIssuedFor(string complaintId, IEnumerable<string> recipients) =>
        ComplaintOf(recipients) == complaintId;

    /// <summary>The complaint whose issued reply address is among the recipients, its token verified; else null.</summary>
    public string? ComplaintOf(IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (!IsConfigured)
        {
            return null;
        }

        foreach (var recipient in recipients)
        {
            var at = recipient.LastIndexOf('@');
            var plus = at > 0 ? recipient.LastIndexOf('+', at) : -1;
            var dash = plus > 0 ? recipient.LastIndexOf('-', at) : -1;
            if (dash > plus
                && ComplaintId.TryParse(recipient[(plus + 1)..dash], out var id)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(recipient[(dash + 1)..at].ToLowerInvariant()), Encoding.ASCII.GetBytes(Token(id))))
            {
                return id;
            }
        }

        return null;
    }

    private string Token(string complaintId)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(options.ReplyTokenKey!));
        return Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("reply:" + complaintId)))[..TokenLength];
    }
}
