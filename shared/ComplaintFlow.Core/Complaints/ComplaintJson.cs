using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplaintFlow.Core.Complaints;

/// <summary>How complaint state, events and queue messages are written as JSON, everywhere.</summary>
public static class ComplaintJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Chinese text stays readable in storage and exports; HTML-escaping happens where HTML is produced.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
