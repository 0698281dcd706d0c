using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplaintFlow.Hosting;

/// <summary>The <c>extensions.queues</c> settings of host.json, with the Functions defaults.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; } = 8;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public int MaxDequeueCount { get; init; } = 5;
    public bool Base64 { get; init; } = true;
}

/// <summary>One binding of a function.json.</summary>
public sealed record BindingMetadata
{
    public required string Type { get; init; }
    public required string Name { get; init; }
    public string? Direction { get; init; }
    public string? QueueName { get; init; }
    public string? Connection { get; init; }
    public string? Schedule { get; init; }
    public bool RunOnStartup { get; init; }
}

/// <summary>A function as declared on disk: the folder name and its function.json bindings.</summary>
public sealed record FunctionMetadata(string Name, IReadOnlyList<BindingMetadata> Bindings)
{
    public BindingMetadata? Trigger => Bindings.FirstOrDefault(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads host.json and every <c>*/function.json</c> beside it, as the Functions host does.</summary>
public static class ScriptRoot
{
    public static (QueueSettings Queues, TimeSpan FunctionTimeout) ReadHost(string root)
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))?.AsObject()
            ?? throw new InvalidDataException("host.json is empty.");
        var queues = host["extensions"]?["queues"];
        var defaults = new QueueSettings();
        var batchSize = Int(queues?["batchSize"]) ?? defaults.BatchSize;
        var settings = new QueueSettings
        {
            BatchSize = batchSize,
            NewBatchThreshold = Int(queues?["newBatchThreshold"]) ?? Math.Max(1, batchSize / 2),
            MaxPollingInterval = Span(queues?["maxPollingInterval"]) ?? defaults.MaxPollingInterval,
            VisibilityTimeout = Span(queues?["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            MaxDequeueCount = Int(queues?["maxDequeueCount"]) ?? defaults.MaxDequeueCount,
            Base64 = !string.Equals(queues?["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase),
        };
        if (settings.BatchSize is < 1 or > 32)
        {
            throw new InvalidDataException("host.json extensions.queues.batchSize must be 1..32 (the queue service returns at most 32 messages).");
        }

        if (settings.MaxDequeueCount < 1 || settings.NewBatchThreshold < 0)
        {
            throw new InvalidDataException("host.json extensions.queues.maxDequeueCount must be >= 1 and newBatchThreshold >= 0.");
        }

        return (settings, Span(host["functionTimeout"]) ?? TimeSpan.FromMinutes(5));
    }

    public static IReadOnlyList<FunctionMetadata> ReadFunctions(string root)
    {
        var functions = new List<FunctionMetadata>();
        foreach (var file in Directory.EnumerateFiles(root, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(file)!;
            if (!string.Equals(Path.GetDirectoryName(folder), Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                continue; // only direct children of the script root are functions
            }

            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => new BindingMetadata
            {
                Type = b.GetProperty("type").GetString() ?? string.Empty,
                Name = b.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty,
                Direction = Text(b, "direction"),
                QueueName = Text(b, "queueName"),
                Connection = Text(b, "connection"),
                Schedule = Text(b, "schedule"),
                RunOnStartup = b.TryGetProperty("runOnStartup", out var r) && r.ValueKind == JsonValueKind.True,
            }).ToList();
            functions.Add(new FunctionMetadata(Path.GetFileName(folder), bindings));
        }

        return functions;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonNode? node) => node is null ? null : node.GetValue<int>();

    private static TimeSpan? Span(JsonNode? node) =>
        node is null ? null : TimeSpan.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}
