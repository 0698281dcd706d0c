using System.Text.Json.Nodes;

namespace ComplaintFlow.Functions.Http;

/// <summary>
/// What the app needs of host.json's <c>extensions.queues</c>: the host gives up on a message after
/// <c>maxDequeueCount</c> deliveries, so a function knows which delivery is the last.
/// </summary>
public sealed record QueueSettings(int MaxDequeueCount)
{
    /// <summary>
    /// Queue names in trigger attributes: the storage name prefix (tests share one Azurite; empty in Azure) comes
    /// from the same setting the app's own queue client uses, resolved by the host as <c>%Setting%</c>.
    /// </summary>
    public const string Prefix = "%ComplaintFlow:Storage:NamePrefix%";

    public static QueueSettings Read(string scriptRoot)
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(scriptRoot, "host.json")));
        var maxDequeueCount = host?["extensions"]?["queues"]?["maxDequeueCount"]?.GetValue<int>() ?? 5;
        return new QueueSettings(maxDequeueCount);
    }
}
