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
}
