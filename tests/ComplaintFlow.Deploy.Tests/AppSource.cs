using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>The storage names and settings the app uses, read from its source so that new ones are seen at once.</summary>
public static partial class AppSource
{
    private static readonly string[] CodeFolders = ["shared", "functions"];

    /// <summary>The constants of every <c>static class <paramref name="className"/></c> in shared/ and functions/.</summary>
    public static IReadOnlySet<string> NameConstants(string className) =>
        CodeFolders.SelectMany(folder => Repository.SourceFiles(folder, "*.cs"))
            .Select(File.ReadAllText)
            .SelectMany(code => Regex.Matches(code, $@"static class {className}\b[^{{]*\{{(?<body>[^}}]*)\}}"))
            .SelectMany(block => StringConstant().Matches(block.Groups["body"].Value))
            .Select(constant => constant.Groups["value"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every function.json of the function app, by function (folder) name.</summary>
    public static IReadOnlyDictionary<string, string> FunctionJsonFiles() =>
        Repository.SourceFiles(Path.Combine("functions", "ComplaintFlow.Functions"), "function.json")
            .ToDictionary(path => Path.GetFileName(Path.GetDirectoryName(path)!), path => path, StringComparer.Ordinal);

    /// <summary>Queue names that queue-triggered functions listen on (literal names; %setting% names are resolved by the host).</summary>
    public static IReadOnlySet<string> TriggerQueues() =>
        FunctionJsonFiles().Values
            .SelectMany(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.TryGetProperty("queueName", out _))
            .Select(binding => binding.GetProperty("queueName").GetString()!)
            .Where(name => !name.StartsWith('%'))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The keys of the <c>Values</c> of local.settings.sample.json: every setting the app reads.</summary>
    public static IReadOnlyList<string> SampleSettingKeys()
    {
        using var sample = JsonDocument.Parse(Repository.Read("local.settings.sample.json"));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(value => value.Name)];
    }

    [GeneratedRegex("""const string \w+ = "(?<value>[^"]+)";""")]
    private static partial Regex StringConstant();
}
