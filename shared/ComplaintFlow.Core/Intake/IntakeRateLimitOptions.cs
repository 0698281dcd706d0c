using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Core.Intake;

/// <summary><c>ComplaintFlow:Intake:RateLimit</c>: how many complaints the public form records per window.</summary>
public sealed class IntakeRateLimitOptions
{
    public const string Section = "ComplaintFlow:Intake:RateLimit";

    /// <summary>Complaints one client IP address may submit per window.</summary>
    [Range(1, int.MaxValue)]
    public int PerIp { get; set; } = 20;

    /// <summary>Complaints one contact (normalised email or E.164 phone) may submit per window, from any address.</summary>
    [Range(1, int.MaxValue)]
    public int PerContact { get; set; } = 5;

    /// <summary>Length of the fixed window the permits are counted in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
