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
    public static string? ToE164(string? raw, string? region)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            var parsed = Phones.Parse(raw, region ?? "ZZ");
            return Phones.IsValidNumber(parsed) ? Phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
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
    /// True when what someone typed is the stored number. A national number is read in the stored number's region,
    /// the complaint's region: the customer types it as they would dial it at home.
    /// </summary>
    public static bool IsSame(string? typed, string? stored)
    {
        var mine = ToE164(stored, null);
        return mine is not null && ToE164(typed, RegionOf(mine)) == mine;
    }
}
