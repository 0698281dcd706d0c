using System.Text.Json;

namespace ComplaintFlow.Hosting;

/// <summary>
/// One invocation as the Azure Functions custom-handler protocol carries it:
/// <c>{"Data":{"&lt;binding&gt;":...},"Metadata":{"DequeueCount":..,"Id":..,...}}</c>.
/// </summary>
public sealed record FunctionInvocation
{
    public IReadOnlyDictionary<string, JsonElement> Data { get; init; } = new Dictionary<string, JsonElement>();
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The trigger's payload as text. The host sends a queue message as a JSON string; when it sends a JSON object
    /// (it parses messages that look like JSON) the object's text is returned.
    /// </summary>
    public string? DataAsText(string binding) =>
        Data.TryGetValue(binding, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    public int? DequeueCount =>
        Metadata.TryGetValue("DequeueCount", out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetInt32(),
                JsonValueKind.String when int.TryParse(value.GetString(), out var n) => n,
                _ => null,
            }
            : null;
}

/// <summary>The custom-handler response: <c>{"Outputs":{},"Logs":[],"ReturnValue":null}</c>.</summary>
public sealed record FunctionResult
{
    public Dictionary<string, object?> Outputs { get; init; } = [];
    public List<string> Logs { get; init; } = [];
    public object? ReturnValue { get; init; }
}

/// <summary>The code of one non-HTTP function: it throws to fail the invocation.</summary>
public delegate Task<FunctionResult> FunctionHandler(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken);
