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

    /// <summary>Where it happened (an address, a shop).</summary>
    public string? Place { get; init; }

    /// <summary>The account, meter or phone line number the complaint is about.</summary>
    public string? Account { get; init; }

    /// <summary>When the problem began: ISO 8601, with an offset or (as a form's date-time field sends it) in the customer's zone.</summary>
    public string? EventTime { get; init; }

    /// <summary>What the customer wants: <c>repair</c>, <c>refund</c>, <c>apology</c>, <c>compensation</c> or <c>other</c>.</summary>
    public string? Demand { get; init; }

    /// <summary>The sum asked for (compensation or refund): a JSON number or a string holding one.</summary>
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? DemandAmount { get; init; }

    /// <summary>ISO 4217 code of the sum asked for.</summary>
    public string? DemandCurrency { get; init; }

    /// <summary>The demand in the customer's words.</summary>
    public string? DemandDetail { get; init; }
}

/// <summary>
/// Reads a JSON number or string as its text, so that a sum sent as <c>"abc"</c> reaches validation and is refused
/// field by field (400 naming <c>demandAmount</c>), rather than failing the whole body as unreadable.
/// </summary>
public sealed class NumberOrStringConverter : JsonConverter<string?>
{
    public override string? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            System.Text.Json.JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
            System.Text.Json.JsonTokenType.String => reader.GetString(),
            System.Text.Json.JsonTokenType.Null => null,
            _ => throw new System.Text.Json.JsonException("Expected a number or a string."),
        };

    public override void Write(System.Text.Json.Utf8JsonWriter writer, string? value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
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

    /// <summary>The structured record (4W1H) given as fields or found in the text; null when there is none.</summary>
    public ComplaintFacts? Facts { get; init; }
}

public sealed record ValidationError(string Field, string Message);
