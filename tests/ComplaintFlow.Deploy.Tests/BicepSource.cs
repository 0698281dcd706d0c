using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// Reads declarations out of the Bicep files as text: the lists of storage names, the objects of app settings,
/// parameters and property blocks. Enough Bicep to compare names with the app, without a compiler in the test run.
/// </summary>
public sealed partial class BicepSource(string path)
{
    public static BicepSource Main { get; } = new(Repository.PathOf("infra-bicep", "main.bicep"));

    public static BicepSource FunctionApp { get; } = new(Repository.PathOf("infra-bicep", "modules", "function-app.bicep"));

    public static BicepSource Storage { get; } = new(Repository.PathOf("infra-bicep", "modules", "storage.bicep"));

    public static BicepSource KeyVault { get; } = new(Repository.PathOf("infra-bicep", "modules", "keyvault.bicep"));

    public string Text { get; } = File.ReadAllText(path);

    /// <summary>The strings of <c>var name = [ 'a' 'b' ]</c>.</summary>
    public IReadOnlyList<string> StringList(string variable)
    {
        var match = Regex.Match(Text, $@"^var {Regex.Escape(variable)} = \[(?<items>[^\]]*)\]", RegexOptions.Multiline);
        Assert.True(match.Success, $"{path} declares no list 'var {variable} = [...]'.");
        return [.. QuotedString().Matches(match.Groups["items"].Value).Select(m => m.Groups["value"].Value)];
    }

    /// <summary>The value of <c>var name = 'value'</c>.</summary>
    public string StringVariable(string variable)
    {
        var match = Regex.Match(Text, $@"^var {Regex.Escape(variable)} = '(?<value>[^']*)'\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{path} declares no string 'var {variable} = '...''.");
        return match.Groups["value"].Value;
    }

    /// <summary>The top-level entries of <c>var name = { key: value ... }</c>, each value as its Bicep text.</summary>
    public IReadOnlyDictionary<string, string> ObjectEntries(string variable)
    {
        var start = Regex.Match(Text, $@"^var {Regex.Escape(variable)} = \{{", RegexOptions.Multiline);
        Assert.True(start.Success, $"{path} declares no object 'var {variable} = {{...}}'.");

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        foreach (var line in Text[(start.Index + start.Length)..].Split('\n'))
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

    /// <summary>
    /// The text of the first <c>key: { ... }</c> or <c>key: [ ... ]</c>, from the key to its closing bracket; with
    /// several keys, each is looked for inside the one before (<c>"functionAppConfig", "runtime"</c>). The bracket may
    /// open the next line of a condition (<c>key: isFlex</c>, then <c>? {</c>).
    /// </summary>
    public string Block(params string[] keys)
    {
        var text = Text;
        foreach (var key in keys)
        {
            var match = Regex.Match(text, $@"\b{Regex.Escape(key)}:[^\n{{\[]*(?:\n\s*\?[^\n{{\[]*)?(?<open>[{{\[])");
            Assert.True(match.Success, $"{path} has no block '{string.Join('.', keys)}'.");
            text = Balanced(text, match.Index, match.Groups["open"].Index);
        }

        return text;
    }

    /// <summary>The text of <c>resource name ...</c> or <c>module name ...</c>, from the keyword to its closing bracket.</summary>
    public string Declaration(string name)
    {
        var match = Regex.Match(Text, $@"^(resource|module) {Regex.Escape(name)} [^\n]*=[^\n]*[{{\[]", RegexOptions.Multiline);
        Assert.True(match.Success, $"{path} declares no resource or module '{name}'.");
        return Balanced(Text, match.Index, match.Index + match.Length - 1);
    }

    /// <summary>A parameter's declaration line with the decorators above it.</summary>
    public string Parameter(string name)
    {
        var match = Regex.Match(Text, $@"(?:^@[^\n]*\n(?:^ [^\n]*\n|^\]\)\n)*)*^param {Regex.Escape(name)} [^\n]*", RegexOptions.Multiline);
        Assert.True(match.Success, $"{path} declares no parameter '{name}'.");
        return match.Value;
    }

    /// <summary><paramref name="text"/> from <paramref name="start"/> to the bracket that closes the one at <paramref name="open"/>.</summary>
    private static string Balanced(string text, int start, int open)
    {
        var depth = 0;
        var end = open;
        do
        {
            depth += text[end] is '{' or '[' ? 1 : text[end] is '}' or ']' ? -1 : 0;
            end++;
        }
        while (depth > 0);
        return text[start..end];
    }

    [GeneratedRegex("'(?<value>[^']*)'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^\s*'?(?<key>[A-Za-z_][A-Za-z0-9_]*)'?\s*:(?<value>.*)$")]
    private static partial Regex ObjectKey();
}
