using System.Globalization;
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

/// <summary>What the host reads from the app's host.json: queue settings, the function timeout and the HTTP route prefix.</summary>
public sealed record HostJson(QueueSettings Queues, TimeSpan FunctionTimeout, string RoutePrefix)
{
    public static HostJson Read(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, "host.json");
        var host = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })?.AsObject()
            ?? throw new InvalidDataException($"{path} is empty.");
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

        // The Functions host's default prefix is "api"; an empty string means routes start at the root.
        var routePrefix = host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        return new HostJson(settings, Span(host["functionTimeout"]) ?? TimeSpan.FromMinutes(5), routePrefix.Trim('/'));
    }

    private static int? Int(JsonNode? node) => node is null ? null : node.GetValue<int>();

    private static TimeSpan? Span(JsonNode? node) =>
        node is null ? null : TimeSpan.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}
