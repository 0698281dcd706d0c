using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Azure.SendGrid;

/// <summary><c>ComplaintFlow:SendGrid</c>.</summary>
public sealed class SendGridOptions
{
    public const string Section = "ComplaintFlow:SendGrid";

    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>API host; locally and in tests the SendGrid fake (e.g. http://127.0.0.1:7072).</summary>
    [Required, Url]
    public string Host { get; set; } = "https://api.sendgrid.com";

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
