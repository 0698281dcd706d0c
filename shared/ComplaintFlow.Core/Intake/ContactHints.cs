using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using PhoneNumbers;

namespace ComplaintFlow.Core.Intake;

/// <summary>
/// Contact details a customer writes into the message itself ("call me on 138 0013 8000", "my email is ..."), so a
/// complaint sent by one channel also carries the other and links the same person across channels.
/// </summary>
public static partial class ContactHints
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>The first valid phone number in the text, in E.164; null when there is none.</summary>
    public static string? FindPhone(string? text, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Phones.FindNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, 10).FirstOrDefault();
        return match is null ? null : Phones.Format(match.Number, PhoneNumberFormat.E164);
    }

    /// <summary>The first email address in the text, lower-cased; null when there is none.</summary>
    public static string? FindEmail(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (Match match in Email().Matches(text))
        {
            var candidate = match.Value.TrimEnd('.').ToLowerInvariant();
            if (ContactEmail.IsValid(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
