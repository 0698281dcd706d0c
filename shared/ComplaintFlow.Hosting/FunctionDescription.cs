using System.Text.Json;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;

namespace ComplaintFlow.Hosting;

/// <summary>The trigger binding of a function, read from the worker's raw binding JSON (the functions.metadata shape).</summary>
internal sealed record TriggerBinding
{
    public required string Type { get; init; }
    public required string Name { get; init; }
    public string? QueueName { get; init; }
    public string? Connection { get; init; }
    public string? Schedule { get; init; }
    public bool RunOnStartup { get; init; }
    public string? Route { get; init; }

    /// <summary>Allowed HTTP methods, upper case; empty allows every method.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];
}

/// <summary>One function as the worker indexed it: its id, the metadata sent back in FunctionLoadRequest and its trigger.</summary>
internal sealed record FunctionDescription(string Id, RpcFunctionMetadata Metadata, TriggerBinding? Trigger)
{
    public string Name => Metadata.Name;

    public static FunctionDescription From(RpcFunctionMetadata metadata)
    {
        // The worker computes a stable id; the host makes one up when it does not.
        var id = string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId;
        metadata.FunctionId = id;
        TriggerBinding? trigger = null;
        foreach (var raw in metadata.RawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            var type = Text(root, "type") ?? string.Empty;
            if (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                trigger = new TriggerBinding
                {
                    Type = type,
                    Name = Text(root, "name") ?? string.Empty,
                    QueueName = Text(root, "queueName"),
                    Connection = Text(root, "connection"),
                    Schedule = Text(root, "schedule"),
                    RunOnStartup = Property(root, "runOnStartup") is { ValueKind: JsonValueKind.True },
                    Route = Text(root, "route"),
                    Methods = Property(root, "methods") is { ValueKind: JsonValueKind.Array } methods
                        ? [.. methods.EnumerateArray().Select(m => (m.GetString() ?? string.Empty).ToUpperInvariant())]
                        : [],
                };
            }
        }

        return new FunctionDescription(id, metadata, trigger);
    }

    /// <summary>
    /// Reads functions.metadata from the script root, for a worker that answers the metadata request with
    /// <c>UseDefaultMetadataIndexing</c>: the host then indexes the file itself.
    /// </summary>
    public static IReadOnlyList<RpcFunctionMetadata> ReadMetadataFile(string scriptRoot)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(scriptRoot, "functions.metadata")));
        var functions = new List<RpcFunctionMetadata>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = Text(function, "name") ?? string.Empty,
                ScriptFile = Text(function, "scriptFile") ?? string.Empty,
                EntryPoint = Text(function, "entryPoint") ?? string.Empty,
                Language = Text(function, "language") ?? "dotnet-isolated",
                Directory = scriptRoot,
            };
            foreach (var binding in Property(function, "bindings")?.EnumerateArray() ?? default)
            {
                metadata.RawBindings.Add(binding.GetRawText());
                var direction = Text(binding, "direction")?.ToUpperInvariant() switch
                {
                    "OUT" => BindingInfo.Types.Direction.Out,
                    "INOUT" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                };
                var dataType = Text(binding, "dataType")?.ToUpperInvariant() switch
                {
                    "STRING" => BindingInfo.Types.DataType.String,
                    "BINARY" => BindingInfo.Types.DataType.Binary,
                    "STREAM" => BindingInfo.Types.DataType.Stream,
                    _ => BindingInfo.Types.DataType.Undefined,
                };
                metadata.Bindings[Text(binding, "name") ?? string.Empty] = new BindingInfo { Type = Text(binding, "type") ?? string.Empty, Direction = direction, DataType = dataType };
            }

            functions.Add(metadata);
        }

        return functions;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            // functions.metadata is camelCase; the host reads it case-insensitively.
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
