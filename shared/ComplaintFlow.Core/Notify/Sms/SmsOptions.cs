using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Core.Notify.Sms;

/// <summary><c>ComplaintFlow:Sms</c>.</summary>
public sealed class SmsOptions
{
    public const string Section = "ComplaintFlow:Sms";

    /// <summary>Name that opens every text we send, so the customer knows who writes.</summary>
    [Required, StringLength(20, MinimumLength = 1)]
    public string SenderName { get; set; } = "ComplaintFlow";

    /// <summary>Most SMS segments one notice may take; longer wording is shortened to fit.</summary>
    [Range(1, 10)]
    public int MaxSegments { get; set; } = 3;

    /// <summary>Texts from one number this close together join the same open complaint (long stories arrive in pieces).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether the provider's own keyword handling is on (Twilio's default opt-out handling or Advanced Opt-Out; ACS
    /// opt-out management): it then answers STOP, START and HELP itself, and we answer only the words it does not
    /// know (Chinese keywords, plain requests to stop). Off: we answer every keyword. Either way, one answer.
    /// </summary>
    public bool ProviderAnswersKeywords { get; set; } = true;

    /// <summary>
    /// Secret the Event Grid subscription's webhook URL carries as <c>?key=</c>; Event Grid has no signature, so
    /// without it anyone could post SMS events or complete a validation handshake. Empty: the ACS webhook answers 503.
    /// </summary>
    public string? AcsWebhookKey { get; set; }

    /// <summary>
    /// Most segments the written resolution may take in a text to a customer we can only text (with the reference and
    /// the link to their referral rights). A longer letter is not squeezed: the text points to a page that shows it
    /// in full once the customer confirms their number with a one-time code.
    /// </summary>
    [Range(1, 10)]
    public int ResolutionSegments { get; set; } = 3;

    /// <summary>
    /// Secret the one-time codes are derived and hashed with (at least 32 characters; Key Vault in Azure). The code is
    /// computed from it and the id of the text that carries it, so neither the queue nor the table holds the code.
    /// Empty: no codes are sent, and the resolution page cannot be opened.
    /// </summary>
    public string? AccessCodeKey { get; set; }

    /// <summary>How long a one-time code works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes tried against one code before it stops working.</summary>
    [Range(1, 10)]
    public int AccessCodeAttempts { get; set; } = 5;

    /// <summary>Codes one complaint may be sent per hour (each costs a text and reaches the customer's phone).</summary>
    [Range(1, 20)]
    public int AccessCodesPerHour { get; set; } = 3;
}
