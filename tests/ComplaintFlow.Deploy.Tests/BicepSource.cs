using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// Reads declarations out of the Bicep files as text: the lists of storage names and the objects of app settings.
/// Enough Bicep to compare names with the app, without a compiler in the test run.
/// </summary>
public sealed partial class BicepSource(string path)
{
    private readonly string _text = File.ReadAllText(path);

    public static BicepSource Main { get; } = new(Repository.PathOf("infra-bicep", "main.bicep"));

    public static BicepSource FunctionApp { get; } = new(Repository.PathOf("infra-bicep", "modules", "function-app.bicep"));

    /// <summary>The strings of <c>var name = [ 'a' 'b' ]</c>.</summary>
    public IReadOnlyList<string> StringList(string variable)
    {
        var match = Regex.Match(_text, $@"^var {Regex.Escape(variable)} = \[(?<items>[^\]]*)\]", RegexOptions.Multiline);
        Assert.True(match.Success, $"{path} declares no list 'var {variable} = [...]'.");
        return [.. QuotedString().Matches(match.Groups["items"].Value).Select(m => m.Groups["value"].Value)];
    }

    /// <summary>The top-level entries of <c>var name = { key: value ... }</c>, each value as its Bicep text.</summary>
    public IReadOnlyDictionary<string, string> ObjectEntries(string variable)
    {
        var start = Regex.Match(_text, $@"^var {Regex.Escape(variable)} = \{{", RegexOptions.Multiline);
        Assert.True(start.Success, $"{path} declares no object 'var {variable} = {{...}}'.");

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        foreach (var line in _text[(start.Index + start.Length)..].Split('\n'))
        {
            if (depth == 0 && line.TrimStart().StartsWith('}'))
            {
                return entries;
            }

            if (depth == 0 && ObjectKey().Match(line) is { Success: true } key)
            {
                entries.Add(key.Groups["key"].Value, key.Groups["value"].Value.Trim());
            }

            depth += line.Count(c => c is '{' or '[') - line.Count(c => c is '}' or ']');
        }

        throw new InvalidOperationException($"'var {variable}' in {path} is not closed.");
    }

    [GeneratedRegex("'(?<value>[^']*)'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^\s*'?(?<key>[A-Za-z_][A-Za-z0-9_]*)'?\s*:(?<value>.*)$")]
    private static partial Regex ObjectKey();
}
