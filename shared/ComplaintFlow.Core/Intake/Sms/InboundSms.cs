using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake.Sms;

public enum SmsProvider
{
    Twilio,
    Acs,
}

/// <summary>A text message as it reached one of the SMS webhooks, read and normalised.</summary>
public sealed record InboundSms
{
    public required SmsProvider Provider { get; init; }

    /// <summary>The provider's message id (Twilio MessageSid, ACS MessageId): the idempotency key.</summary>
    public required string MessageId { get; init; }

    /// <summary>E.164 when libphonenumber recognises the sender; otherwise as given (short codes, alphanumeric ids).</summary>
    public required string From { get; init; }

    public bool FromIsE164 { get; init; }

    /// <summary>Our number the text was sent to.</summary>
    public required string To { get; init; }

    public required string Body { get; init; }

    /// <summary>How many SMS segments the provider received the text in.</summary>
    public int Segments { get; init; } = 1;

    public IReadOnlyList<SmsMedia> Media { get; init; } = [];

    /// <summary>When the provider received it, if it says.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

/// <summary>An MMS attachment, still at the provider (Twilio media URLs need the account's credentials to fetch).</summary>
public sealed record SmsMedia(string Url, string? ContentType);

/// <summary>The sender and our number of a text: E.164 where they are phone numbers.</summary>
/// <param name="From">E.164 when the sender is a phone number; otherwise as given (short codes, alphanumeric ids).</param>
public sealed record SmsParties(string From, bool FromIsE164, string To);

/// <summary>Phone numbers as SMS providers write them, brought to E.164.</summary>
public static class SmsNumbers
{
    /// <summary>
    /// Reads the sender in the region of the number it texted: a sender in national format is written as a local
    /// phone shows it, so "13124584567" texting our +86 number is the Chinese mobile +86 131 2458 4567, not the
    /// Chicago line +1 312 458 4567 the default region or a '+' in front would make of it. The default region is the
    /// last resort.
    /// </summary>
    public static SmsParties Read(string from, string to, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(options);
        var ours = ToE164(to, options.DefaultPhoneRegion, options);
        var sender = ToE164(from, ContactPhone.RegionOf(ours) ?? options.DefaultPhoneRegion, options);
        return new SmsParties(sender ?? from, sender is not null, ours ?? to);
    }

    private static string? ToE164(string raw, string region, IntakeOptions options)
    {
        var trimmed = raw.Trim();
        var fictional = options.AcceptFictionalNumbers;
        return ContactPhone.ToE164(trimmed, region, fictional)
            // ACS has written international numbers without the '+' ("447700900123").
            ?? (trimmed.Length >= 8 && trimmed.All(char.IsAsciiDigit) ? ContactPhone.ToE164("+" + trimmed, region, fictional) : null)
            ?? ContactPhone.ToE164(trimmed, options.DefaultPhoneRegion, fictional);
    }
}
