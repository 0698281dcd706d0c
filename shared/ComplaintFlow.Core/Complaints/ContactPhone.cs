using PhoneNumbers;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// The one phone rule: a number is read with libphonenumber in a region (so the national trunk prefix of "010 8888
/// 6666" or "07911 123456" is understood) and compared in E.164. Comparing digit suffixes told customers who typed
/// their number as they write it at home that their complaint did not exist.
/// </summary>
public static class ContactPhone
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>E.164 form of <paramref name="raw"/>, national numbers read in <paramref name="region"/>; null when not a valid number.</summary>
    /// <param name="acceptFictional">Also accept the ranges reserved for fiction and testing (<see cref="IsFictional"/>),
    /// which libphonenumber calls invalid: for development only, where test numbers must not reach real people.</param>
    public static string? ToE164(string? raw, string? region, bool acceptFictional = false)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            var parsed = Phones.Parse(raw, region ?? "ZZ");
            return Phones.IsValidNumber(parsed) || (acceptFictional && IsFictional(parsed)) ? Phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// Numbers no one can own that libphonenumber calls invalid: Ofcom's drama mobiles (07700 900000–900999) and the
    /// North American 555-0100–0199 lines of any area code (555 itself included).
    /// </summary>
    private static bool IsFictional(PhoneNumber number)
    {
        var national = number.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return number.CountryCode switch
        {
            44 => national.Length == 10 && national.StartsWith("7700900", StringComparison.Ordinal),
            1 => national.Length == 10 && national[3..8] == "55501",
            _ => false,
        };
    }

    /// <summary>The region a stored E.164 number belongs to ("CN" for +86...), or null when it is not a valid number.</summary>
    public static string? RegionOf(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164))
        {
            return null;
        }

        try
        {
            var region = Phones.GetRegionCodeForNumber(Phones.Parse(e164, "ZZ"));
            return region is null or "ZZ" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The main region of a stored E.164 number's country calling code ("GB" for +44, "US" for +1), whether or not
    /// the number itself is one libphonenumber calls valid: enough to tell where the customer lives.
    /// </summary>
    public static string? CountryRegionOf(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164))
        {
            return null;
        }

        try
        {
            var region = Phones.GetRegionCodeForCountryCode(Phones.Parse(e164, "ZZ").CountryCode);
            return region is null or "ZZ" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when what someone typed is the stored number. A national number is read in the stored number's region,
    /// the complaint's region: the customer types it as they would dial it at home.
    /// </summary>
    public static bool IsSame(string? typed, string? stored)
    {
        var mine = ToE164(stored, null);
        return mine is not null && ToE164(typed, RegionOf(mine)) == mine;
    }
}
