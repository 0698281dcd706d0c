using System.Text.Json;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// What the Functions host reads from a folder before it starts a .NET isolated worker, checked the same way in the
/// build output (what <c>func start</c> runs) and in the deployment zip (what Azure runs).
/// </summary>
public static class FunctionAppLayout
{
    public const string WorkerAssembly = "ComplaintFlow.Functions.dll";

    /// <summary>host.json is the standard one: no customHandler, which would make the host start an executable instead.</summary>
    public static void AssertHostJson(string json)
    {
        using var host = JsonDocument.Parse(json);
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _), "host.json still configures a custom handler.");
    }

    /// <summary>worker.config.json tells the host to run the worker dll with dotnet; returns the dll it names.</summary>
    public static string AssertWorkerConfig(string json)
    {
        using var config = JsonDocument.Parse(json);
        var description = config.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        var worker = description.GetProperty("defaultWorkerPath").GetString()!;
        Assert.Equal(WorkerAssembly, worker);
        return worker;
    }

    /// <summary>The hint paths of extensions.json: the binding extensions (queues) the host loads from .azurefunctions/.</summary>
    public static IReadOnlyList<string> ExtensionHintPaths(string json)
    {
        using var extensions = JsonDocument.Parse(json);
        return [.. extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .Select(extension => extension.GetProperty("hintPath").GetString()!)
            .Select(hint => hint.StartsWith("./", StringComparison.Ordinal) ? hint[2..] : hint)];
    }
}
