using System.Reflection;

namespace ComplaintFlow.Core.Triage;

/// <summary>The lexicons and default policy shipped inside the assembly (Triage/Data, see LICENSES.md there).</summary>
public static class TriageData
{
    private static readonly Assembly Assembly = typeof(TriageData).Assembly;

    public static Stream Open(string name) =>
        Assembly.GetManifestResourceStream("triage/" + name)
        ?? throw new InvalidOperationException($"The embedded triage data file '{name}' is missing from the build.");

    /// <summary>Non-empty lines that are not comments (#).</summary>
    public static IEnumerable<string> Lines(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }
}
