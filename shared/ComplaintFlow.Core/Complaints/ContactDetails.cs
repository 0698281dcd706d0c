namespace ComplaintFlow.Core.Complaints;

/// <summary>How to reach the complainant. At least one of email or phone is always present.</summary>
public sealed record ContactDetails
{
    public string? Name { get; init; }

    /// <summary>Lower-cased, trimmed address.</summary>
    public string? Email { get; init; }

    /// <summary>E.164 phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>
    /// The person's identities, one for each way of reaching them: <c>email:</c> and the address lower-cased,
    /// <c>phone:</c> and the number as a plus and digits only ("+86 138-0013-8000" → "phone:+8613800138000"). The
    /// contact tables key their rows by these (hashed), so a complaint by email and one by text from the same person meet.
    /// </summary>
    public IEnumerable<string> Identities()
    {
        if (!string.IsNullOrWhiteSpace(Email))
        {
            yield return "email:" + Email.Trim().ToLowerInvariant();
        }

        if (!string.IsNullOrWhiteSpace(Phone))
        {
            yield return "phone:+" + new string([.. Phone.Where(char.IsAsciiDigit)]);
        }
    }

    /// <summary>
    /// True when the given value identifies this contact: an email case-insensitively, a phone number by
    /// <see cref="ContactPhone.IsSame"/> (parsed in the stored number's region, compared in E.164).
    /// </summary>
    public bool Matches(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (Email is not null && string.Equals(Email, trimmed, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Phone is not null && ContactPhone.IsSame(trimmed, Phone);
    }
}
