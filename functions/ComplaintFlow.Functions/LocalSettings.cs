using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace ComplaintFlow.Functions;

/// <summary>
/// Reads the <c>Values</c> of a Functions <c>local.settings.json</c> (as <c>func start</c> and the local Functions host
/// do for the worker) for the app's one-shot commands, which run without a host (<c>replay-poison</c>). The file is named by <c>COMPLAINTFLOW_LOCAL_SETTINGS</c>; keys use <c>__</c> or <c>:</c>.
/// </summary>
public static class LocalSettings
{
    public const string Variable = "COMPLAINTFLOW_LOCAL_SETTINGS";

    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder configuration)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return configuration;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new Dictionary<string, string?>();
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var value in section.EnumerateObject())
            {
                values[value.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        // Environment variables set for one run still win over the file.
        var sources = configuration.Sources;
        var index = sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(index < 0 ? sources.Count : index, new MemoryConfigurationSource { InitialData = values });
        return configuration;
    }
}
