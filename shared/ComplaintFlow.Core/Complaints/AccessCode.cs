namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// A one-time code texted to the complaint's number, as it is kept: a keyed hash of the code (never the code), when it
/// stops working, and how many wrong codes were tried against it. The text that carries it is the notice
/// <see cref="NotificationId"/>.
/// </summary>
public sealed record AccessCode
{
    public required string NotificationId { get; init; }
    public required string CodeHash { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public int FailedAttempts { get; init; }

    /// <summary>A code opens the page once.</summary>
    public DateTimeOffset? UsedAt { get; init; }
}
