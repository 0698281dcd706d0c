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

/// <summary>Phone numbers as SMS providers write them, brought to E.164.</summary>
public static class SmsNumbers
{
    /// <summary>E.164 form of the number, or null when it is not a valid phone number (a short code, a name).</summary>
    public static string? ToE164(string raw, string defaultRegion)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var trimmed = raw.Trim();

        // ACS has written numbers without the '+' ("15555555555"); they are international, so try that reading first.
        if (trimmed.Length >= 8 && trimmed.All(char.IsAsciiDigit) && ContactPhone.ToE164("+" + trimmed, defaultRegion) is { } international)
        {
            return international;
        }

        return ContactPhone.ToE164(trimmed, defaultRegion);
    }
}
