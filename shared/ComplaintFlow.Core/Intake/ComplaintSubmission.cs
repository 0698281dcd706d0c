using System.Text.Json.Serialization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>A complaint as a customer (or a webhook, or an agent) handed it to us, before validation.</summary>
public sealed record ComplaintSubmission
{
    public Channel Channel { get; init; } = Channel.Web;
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Subject { get; init; }
    public string? Text { get; init; }

    /// <summary>As given; null means detect it from the text.</summary>
    public string? Language { get; init; }

    /// <summary>The IANA zone the customer's browser reported (the web form's hidden field); an unknown one is ignored.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Our address it came in on: the mailbox or SMS number (chooses the regulatory profile of the business line).</summary>
    /// <remarks>Set by the channel adapters only: a web form's JSON cannot choose its own regulator.</remarks>
    [JsonIgnore]
    public string? ChannelAddress { get; init; }
}

/// <summary>A submission that passed validation, with contact details normalised.</summary>
public sealed record ValidSubmission
{
    public required Channel Channel { get; init; }
    public required ContactDetails Contact { get; init; }
    public string? Subject { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }

    /// <summary>The customer's IANA zone (browser, else phone region), or null for the configured default.</summary>
    public string? TimeZone { get; init; }
    public string? ChannelAddress { get; init; }
}

public sealed record ValidationError(string Field, string Message);
