using System.Globalization;
using MimeKit;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// The one address rule for the web form, inbound email and data rights: MimeKit reads the address as a bare
/// addr-spec (no display name, comment or route), then the domain must be one mail can be delivered to: at least two
/// labels, each of letters, digits and inner hyphens once internationalised labels are written in punycode, and no
/// trailing dot. <see cref="System.Net.Mail.MailAddress"/> accepted <c>user@example.com.</c> and
/// <c>user@-example.com</c>, whose acknowledgements could only bounce.
/// </summary>
public static class ContactEmail
{
    /// <summary>RFC 5321 4.5.3.1: 64 octets of local part, 255 of domain, 254 of path between the brackets.</summary>
    private const int MaxAddressLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
    };

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>Providers whose mailboxes ignore dots in the local part (and the other name of the same one).</summary>
    private static readonly Dictionary<string, string> DotlessDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gmail.com"] = "gmail.com",
        ["googlemail.com"] = "gmail.com",
    };

    /// <summary>
    /// The mailbox an address reaches, for counting and comparing, never for sending: lower case, without a
    /// <c>+tag</c>, and for providers that ignore dots (<see cref="DotlessDomains"/>) without dots, so
    /// <c>Victim+1@example.com</c> and <c>v.ictim@googlemail.com</c> count as the mailboxes they reach.
    /// </summary>
    public static string Canonical(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim().ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0)
        {
            return trimmed;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        if (DotlessDomains.TryGetValue(domain, out var mailboxDomain))
        {
            local = local.Replace(".", string.Empty, StringComparison.Ordinal);
            domain = mailboxDomain;
        }

        return $"{local}@{domain}";
    }

    /// <summary>True when both addresses reach the same mailbox (<see cref="Canonical"/>).</summary>
    public static bool IsSameMailbox(string? one, string? other) =>
        one is { Length: > 0 } && other is { Length: > 0 } && Canonical(one) == Canonical(other);

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxAddressLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        // MimeKit shows a punycode domain in Unicode, so only the local part is compared with what was typed; the
        // domain is checked by the rules below.
        var at = value.LastIndexOf('@');
        return at > 0 && at <= MaxLocalPartLength
            && MailboxAddress.TryParse(Strict, value, out var mailbox) && mailbox.Route.Count == 0 && string.IsNullOrEmpty(mailbox.Name)
            && string.Equals(mailbox.LocalPart, value[..at], StringComparison.Ordinal)
            && IsDeliverableDomain(value[(at + 1)..]);
    }

    private static bool IsDeliverableDomain(string domain)
    {
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        // GetAscii keeps a trailing dot (the DNS root); an address must not have one.
        var labels = ascii.Split('.');
        return labels.Length >= 2
            && labels.All(label => label.Length is > 0 and <= MaxLabelLength
                && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                && label[0] != '-' && label[^1] != '-')
            && !labels[^1].All(char.IsAsciiDigit);
    }
}
