using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk.DataRights;

/// <summary>The person a data subject request is about: one email address or one phone number, normalised as intake stores them.</summary>
public sealed record ContactIdentity
{
    private ContactIdentity(string? email, string? phone)
    {
        Email = email;
        Phone = phone;
    }

    /// <summary>Lower-cased address, as <see cref="ContactDetails.Email"/> holds it.</summary>
    public string? Email { get; }

    /// <summary>E.164 number, as <see cref="ContactDetails.Phone"/> holds it.</summary>
    public string? Phone { get; }

    public ContactDetails AsContact() => new() { Email = Email, Phone = Phone };

    /// <summary>Reads what a supervisor typed: an address (anything with an @) or a phone number (national numbers in <paramref name="defaultRegion"/>).</summary>
    public static bool TryParse(string? value, string defaultRegion, out ContactIdentity identity)
    {
        identity = new ContactIdentity(null, null);
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254)
        {
            return false;
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToLowerInvariant();
            if (!ContactEmail.IsValid(email))
            {
                return false;
            }

            identity = new ContactIdentity(email, null);
            return true;
        }

        if (ContactPhone.ToE164(text, defaultRegion) is not { } phone)
        {
            return false;
        }

        identity = new ContactIdentity(null, phone);
        return true;
    }
}
