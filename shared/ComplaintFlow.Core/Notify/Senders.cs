namespace ComplaintFlow.Core.Notify;

public sealed record EmailMessage
{
    public required string To { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }
    public required string Text { get; init; }
    public required string Html { get; init; }

    /// <summary>Our Message-ID for this notice, so a customer's reply can be threaded back to the complaint.</summary>
    public required string MessageId { get; init; }

    /// <summary>Echoed back by the provider in its events; carries ids, never personal data.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record SmsMessage(string To, string Body)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>Sends one email. Throws when the provider did not accept it, so the queue retries.</summary>
public interface IEmailSender
{
    /// <returns>The provider's id for the accepted message, when it gives one.</returns>
    Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends one text message. Throws when the provider did not accept it, so the queue retries.</summary>
public interface ISmsSender
{
    Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
