using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ComplaintFlow.Testing;

/// <summary>
/// One Azurite per test run, in memory, on ports the OS picks. Tests share it and keep apart by using their own
/// table, queue and container names (<see cref="Names"/>).
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    private static readonly Lazy<Task<Azurite>> Shared = new(() => StartAsync(inMemory: true, location: null));
    private readonly Process _process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>The well-known development account's key, which Azurite accepts.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>The instance shared by every test in this process, started on first use.</summary>
    public static Task<Azurite> SharedAsync() => Shared.Value;

    /// <summary>Starts a private instance (for tests that restart storage or need it on disk).</summary>
    /// <param name="ports">Fixed ports (to restart an instance where its clients expect it); free ones by default.</param>
    public static async Task<Azurite> StartAsync(bool inMemory, string? location, (int Blob, int Queue, int Table)? ports = null)
    {
        var root = RepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci' in {root} (the test command does).");
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        var (blobPort, queuePort, tablePort) = ports ?? (0, 0, 0);
        foreach (var argument in new[] { "--blobPort", $"{blobPort}", "--queuePort", $"{queuePort}", "--tablePort", $"{tablePort}", "--skipApiVersionCheck", "--loose", "--disableTelemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        if (inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location ?? throw new ArgumentNullException(nameof(location)));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var listening = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"Azurite exited: {output}"));
                return;
            }

            lock (listening)
            {
                output.AppendLine(e.Data);
                var match = Listening().Match(e.Data);
                if (match.Success)
                {
                    listening[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (listening.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (listening)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var azurite = new Azurite(process, listening["Blob"], listening["Queue"], listening["Table"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Kill();
        return azurite;
    }

    /// <summary>Walks up from the test binaries to the folder holding package.json.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "ComplaintFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }

    /// <summary>Stops it as an operator would (SIGTERM), so it writes its on-disk state before it exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}

/// <summary>Storage names unique to one test, so tests never see each other's data.</summary>
public static class Names
{
    private static int _counter;

    /// <summary>A queue/container-safe name (lowercase letters, digits, dashes).</summary>
    public static string Unique(string prefix) =>
        $"{prefix}-{Environment.ProcessId % 10000}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();

    /// <summary>A table-safe name (letters and digits, starting with a letter).</summary>
    public static string UniqueTable(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 20)];
}
