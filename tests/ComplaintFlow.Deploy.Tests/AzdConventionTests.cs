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
