using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Core.Notify;

/// <summary><c>ComplaintFlow:Notify</c>.</summary>
public sealed class NotifyOptions
{
    public const string Section = "ComplaintFlow:Notify";

    /// <summary>The complaints address: notices come from it and replies to it thread back.</summary>
    [Required, EmailAddress]
    public string FromEmail { get; set; } = "complaints@complaintflow.local";

    [Required]
    public string FromName { get; set; } = "ComplaintFlow";

    /// <summary>IANA time zone in which dates are written to customers.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Language of notices to staff (warnings and escalations).</summary>
    [Required, RegularExpression("^(en|zh-Hans|zh-Hant)$")]
    public string StaffLanguage { get; set; } = "en";

    /// <summary>Domain used in the Message-ID of our notices.</summary>
    [Required]
    public string MessageIdDomain { get; set; } = "complaintflow.local";

    /// <summary>
    /// An inbound-parse address replies may go to (e.g. <c>complaints@parse.example.com</c>); with
    /// <see cref="ReplyTokenKey"/>, customer notices carry a Reply-To of this address with a signed per-complaint
    /// plus-tag, and a reply to it is accepted from any sender (<see cref="ReplyAddresses"/>). Empty: no Reply-To.
    /// </summary>
    public string? ReplyAddress { get; set; }

    /// <summary>Secret the reply tokens are signed with (at least 32 characters); changing it voids the tokens already sent.</summary>
    public string? ReplyTokenKey { get; set; }

    /// <summary>
    /// How long a delivery's claim on a notice holds before another delivery may take it over (after a crash). It must
    /// outlast the slowest send (the provider's whole retry budget), or a slow send and its takeover both go out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}
