using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The storage names, settings and functions the app uses, read from its source and its build output (the
/// functions.metadata the Worker SDK writes), so that new ones are seen at once.
/// </summary>
public static partial class AppSource
{
    private static readonly string[] CodeFolders = ["shared", "functions"];

    /// <summary>The function app's build output in the configuration of this test run (the project reference builds it).</summary>
    public static string BuildOutput { get; } = Repository.PathOf(
        "functions", "ComplaintFlow.Functions", "bin",
        typeof(AppSource).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release",
        "net10.0");

    /// <summary>The constants of every <c>static class <paramref name="className"/></c> in shared/ and functions/.</summary>
    public static IReadOnlySet<string> NameConstants(string className) =>
        CodeFolders.SelectMany(folder => Repository.SourceFiles(folder, "*.cs"))
            .Select(File.ReadAllText)
            .SelectMany(code => Regex.Matches(code, $@"static class {className}\b[^{{]*\{{(?<body>[^}}]*)\}}"))
            .SelectMany(block => StringConstant().Matches(block.Groups["body"].Value))
            .Select(constant => constant.Groups["value"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The functions of the build output's functions.metadata: what the host indexes.</summary>
    public static IReadOnlyList<FunctionMetadata> Functions() => FunctionMetadata.Parse(File.ReadAllText(PathInBuildOutput("functions.metadata")));

    /// <summary>A file of the build output; fails with the reason when the build did not write it.</summary>
    public static string PathInBuildOutput(string name)
    {
        var path = Path.Combine(BuildOutput, name);
        Assert.True(File.Exists(path), $"{name} is not in the function app's build output {BuildOutput}.");
        return path;
    }

    /// <summary>The keys of the <c>Values</c> of local.settings.sample.json: every setting the app reads.</summary>
    public static IReadOnlyDictionary<string, string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(Repository.Read("local.settings.sample.json"));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(value => value.Name, value => value.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    [GeneratedRegex("""const string \w+ = "(?<value>[^"]+)";""")]
    private static partial Regex StringConstant();
}

/// <summary>One function of functions.metadata, with the binding properties the deployment depends on.</summary>
public sealed record FunctionMetadata(string Name, string ScriptFile, IReadOnlyList<FunctionBinding> Bindings)
{
    public static IReadOnlyList<FunctionMetadata> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(function => new FunctionMetadata(
            function.GetProperty("name").GetString()!,
            function.GetProperty("scriptFile").GetString()!,
            [.. function.GetProperty("bindings").EnumerateArray().Select(FunctionBinding.Read)]))];
    }
}

/// <summary>A binding: its type, and its string properties (queueName, schedule, connection, route...).</summary>
public sealed partial record FunctionBinding(string Type, IReadOnlyDictionary<string, string> Properties)
{
    public static FunctionBinding Read(JsonElement binding) => new(
        binding.GetProperty("type").GetString()!,
        binding.EnumerateObject()
            .Where(property => property.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(property => property.Name, property => property.Value.GetString()!, StringComparer.Ordinal));

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.Ordinal);

    /// <summary>The names of the <c>%Setting%</c> expressions in the binding's properties, which the host resolves.</summary>
    public IEnumerable<string> SettingReferences() =>
        Properties.Values.SelectMany(value => SettingReference().Matches(value)).Select(match => match.Groups["name"].Value);

    /// <summary>A property with every <c>%Setting%</c> replaced by its value.</summary>
    public string Resolve(string property, IReadOnlyDictionary<string, string> settings) =>
        SettingReference().Replace(Properties[property], match => settings[match.Groups["name"].Value]);

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex SettingReference();
}
