namespace ComplaintFlow.Deploy.Tests;

/// <summary>The source tree these tests read: the checkout that contains ComplaintFlow.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>Source files under <paramref name="folder"/>, leaving out build output.</summary>
    public static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(PathOf(folder), pattern, SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ComplaintFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ComplaintFlow.sln above {AppContext.BaseDirectory}.");
    }
}
