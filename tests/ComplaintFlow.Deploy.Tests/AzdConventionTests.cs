using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>The azd template conventions the deployment relies on (azd finds resources by these tags).</summary>
public sealed partial class AzdConventionTests
{
    private static IEnumerable<(string File, string Text)> BicepFiles() =>
        Repository.SourceFiles("infra-bicep", "*.bicep").Select(path => (Path.GetFileName(path), File.ReadAllText(path)));

    [Fact]
    public void Every_resource_is_tagged_with_the_azd_environment()
    {
        Assert.Matches(@"var tags = \{ 'azd-env-name': environmentName \}", Repository.Read("infra-bicep", "main.bicep"));

        var untagged = BicepFiles().SelectMany(file => Declarations(file.Text)
                .Where(declaration => declaration.Kind == "module" || IsTrackedResource(declaration.Type))
                .Where(declaration => !TagsLine().IsMatch(declaration.Body))
                .Select(declaration => $"{file.File}: {declaration.Name}"))
            .ToArray();

        Assert.Empty(untagged);
    }

    [Fact]
    public void Every_parameter_has_a_description()
    {
        var undescribed = BicepFiles().SelectMany(file => file.Text.Split('\n')
                .Select((line, index) => (line, index))
                .Where(item => item.line.StartsWith("param ", StringComparison.Ordinal))
                .Where(item => !DescriptionAbove(file.Text.Split('\n'), item.index))
                .Select(item => $"{file.File}: {item.line.Trim()}"))
            .ToArray();

        Assert.Empty(undescribed);
    }

    [Fact]
    public void Azd_deploys_the_function_app_project_as_a_dotnet_function_service()
    {
        var azure = Repository.Read("azure.yaml");
        var service = Regex.Match(azure, @"^  functions:\n(?<body>(    [^\n]*\n)+)", RegexOptions.Multiline);
        Assert.True(service.Success, "azure.yaml has no service 'functions'.");
        var properties = Regex.Matches(service.Groups["body"].Value, @"^    (?<key>\w+): (?<value>\S+)", RegexOptions.Multiline)
            .ToDictionary(match => match.Groups["key"].Value, match => match.Groups["value"].Value, StringComparer.Ordinal);

        Assert.Equal("function", properties["host"]);
        Assert.Equal("dotnet", properties["language"]);
        Assert.Equal("./functions/ComplaintFlow.Functions", properties["project"]);
        Assert.True(File.Exists(Repository.PathOf(properties["project"], "ComplaintFlow.Functions.csproj")));
        // azd finds the site to deploy to by this tag.
        Assert.Contains("azdServiceName: 'functions'", BicepSource.Main.Declaration("functionApp"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_name_comes_from_the_resource_token_and_an_abbreviation_that_exists()
    {
        var main = Repository.Read("infra-bicep", "main.bicep");
        var abbreviations = JsonDocument.Parse(Repository.Read("infra-bicep", "abbreviations.json")).RootElement
            .EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
        var used = Regex.Matches(main, @"\$\{abbrs\.(?<name>\w+)\}\$\{resourceToken\}").Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))", main, StringComparison.Ordinal);
        Assert.Empty(used.Except(abbreviations));
        Assert.Empty(abbreviations.Except(used));
    }

    [Fact]
    public void No_module_comes_from_a_registry()
    {
        Assert.Empty(BicepFiles().Where(file => file.Text.Contains("'br:", StringComparison.Ordinal) || file.Text.Contains("'br/", StringComparison.Ordinal)).Select(file => file.File));
    }

    /// <summary>Looks through the decorators above a parameter (some span lines, like <c>@allowed([...])</c>).</summary>
    private static bool DescriptionAbove(string[] lines, int index)
    {
        for (var above = index - 1; above >= 0 && lines[above].Trim().Length > 0 && !Statement().IsMatch(lines[above]); above--)
        {
            if (lines[above].StartsWith("@description(", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Top-level resources that carry tags; child resources, role assignments and existing ones do not.</summary>
    private static bool IsTrackedResource(string type) =>
        type.Count(c => c == '/') == 1 && !type.StartsWith("Microsoft.Authorization/", StringComparison.Ordinal);

    private static IEnumerable<(string Kind, string Name, string Type, string Body)> Declarations(string text)
    {
        var matches = Declaration().Matches(text);
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var next = Regex.Match(text[matches[i].Index..end], @"\n(output|var|func|param) ");
            var body = next.Success ? text.Substring(matches[i].Index, next.Index) : text[matches[i].Index..end];
            if (!body.Contains(" existing = ", StringComparison.Ordinal))
            {
                yield return (matches[i].Groups["kind"].Value, matches[i].Groups["name"].Value, matches[i].Groups["type"].Value, body);
            }
        }
    }

    [GeneratedRegex(@"^(?<kind>resource|module) (?<name>\w+) '(?<type>[^'@]+)(@[^']+)?'", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^(param|var|resource|module|output|func|targetScope) ")]
    private static partial Regex Statement();

    [GeneratedRegex(@"^\s+tags: ", RegexOptions.Multiline)]
    private static partial Regex TagsLine();
}
