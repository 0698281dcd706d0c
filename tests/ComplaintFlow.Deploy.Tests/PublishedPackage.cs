using System.Diagnostics;
using System.IO.Compression;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>The deployment zip, built by scripts/package.sh into a temporary folder once for the test class.</summary>
public sealed class PublishedPackage : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("complaintflow-package-");

    public PublishedPackage()
    {
        var start = new ProcessStartInfo("bash", [Repository.PathOf("scripts", "package.sh"), _folder.FullName])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/package.sh did not finish within {PublishTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/package.sh failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        Output = output.Result;
        Zip = ZipFile.OpenRead(Path.Combine(_folder.FullName, "complaintflow-functions.zip"));
    }

    public ZipArchive Zip { get; }

    /// <summary>What scripts/package.sh printed.</summary>
    public string Output { get; }

    public string Read(string entryName)
    {
        var entry = Zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{entryName} is not in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        Zip.Dispose();
        _folder.Delete(recursive: true);
    }
}
