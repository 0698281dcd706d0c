using System.Globalization;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>Reads the form fields of Twilio's incoming-message webhook (<c>MessageSid</c>, <c>From</c>, <c>To</c>,
/// <c>Body</c>, <c>NumSegments</c>, <c>NumMedia</c>, <c>MediaUrl{N}</c>, <c>MediaContentType{N}</c>).</summary>
public sealed class TwilioInboundSmsParser(IntakeOptions options)
{
    /// <summary>Twilio sends at most ten media items with one message.</summary>
    private const int MaxMedia = 10;

    /// <exception cref="InboundPayloadException">A required field is missing or malformed.</exception>
    public InboundSms Parse(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sid = Value(form, "MessageSid") ?? Value(form, "SmsMessageSid") ?? Value(form, "SmsSid")
            ?? throw new InboundPayloadException("MessageSid", "The MessageSid field is missing.");
        var from = Value(form, "From") ?? throw new InboundPayloadException("From", "The From field is missing.");
        var to = Value(form, "To") ?? throw new InboundPayloadException("To", "The To field is missing.");
        var mediaCount = Count(form, "NumMedia", 0);
        // An empty text is read as one; the intake keeps it with the ignored payloads.
        var body = form.GetValueOrDefault("Body")?.Trim();
        var media = new List<SmsMedia>();
        for (var i = 0; i < Math.Min(mediaCount, MaxMedia); i++)
        {
            if (Value(form, $"MediaUrl{i}") is { } url)
            {
                media.Add(new SmsMedia(url, Value(form, $"MediaContentType{i}")));
            }
        }

        var parties = SmsNumbers.Read(from, to, options);
        return new InboundSms
        {
            Provider = SmsProvider.Twilio,
            MessageId = sid,
            From = parties.From,
            FromIsE164 = parties.FromIsE164,
            To = parties.To,
            Body = body ?? string.Empty,
            Segments = Math.Max(1, Count(form, "NumSegments", 1)),
            Media = media,
        };
    }

    private static string? Value(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Count(IReadOnlyDictionary<string, string> form, string name, int fallback)
    {
        if (Value(form, name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new InboundPayloadException(name, $"The {name} field must be a whole number.");
    }
}
