using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Reliability.Tests.Harness;

/// <summary>
/// The built function app as a child process on a fixed port, settings passed as environment variables, so it can
/// be killed with SIGKILL (no shutdown hooks run, as in a host crash) and started again on the same address.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _dll;
    private readonly Queue<string> _lastLines = new();
    private readonly StreamWriter _log;
    private Process? _process;

    /// <param name="logPath">Every line the app writes, across all its restarts, is kept here.</param>
    public AppProcess(IReadOnlyDictionary<string, string> settings, string logPath)
    {
        _settings = settings;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        _log = new StreamWriter(logPath) { AutoFlush = true };
        LogPath = logPath;
        _dll = AppHost.HostExecutable;
        Port = FreePort();
        Address = new Uri($"http://127.0.0.1:{Port}");
    }

    public int Port { get; }
    public string LogPath { get; }
    public Uri Address { get; }

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_dll))
        {
            throw new InvalidOperationException($"The local Functions host is not built at {_dll}: run 'dotnet build ComplaintFlow.sln' (the test command builds it).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        // The local Functions host, which starts the worker as its own child process and drives it over gRPC.
        start.ArgumentList.Add(_dll);
        start.ArgumentList.Add("--script-root");
        start.ArgumentList.Add(AppHost.WorkerOutput);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        start.Environment.Remove("COMPLAINTFLOW_LOCAL_SETTINGS");
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilServingAsync(process, cancellationToken);
    }

    /// <summary>SIGKILL: the process stops wherever it is, in-flight requests and queue messages included.</summary>
    /// <summary>The host and its worker killed with SIGKILL: the whole app dies, as an instance would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Remember("--- host and worker killed (SIGKILL) ---");
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Only the worker process killed with SIGKILL: the host sees its gRPC stream end and starts a new worker, as
    /// Microsoft's host does; in-flight messages come back when their lease lapses.
    /// </summary>
    /// <returns>How many worker processes were killed (0 when none was running, e.g. between a restart's steps).</returns>
    public int KillWorker()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        var children = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(int.Parse)
            .ToList();
        foreach (var child in children)
        {
            try
            {
                using var worker = Process.GetProcessById(child);
                worker.Kill();
                worker.WaitForExit();
            }
            catch (ArgumentException)
            {
                // It had exited already.
            }
        }

        Remember($"--- worker killed (SIGKILL): {children.Count} process(es) ---");
        return children.Count;
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Kill();
        await StartAsync(cancellationToken);
    }

    private async Task WaitUntilServingAsync(Process process, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting:\n{RecentOutput}");
            }

            try
            {
                using var response = await probe.GetAsync("/", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer on a loaded machine.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The app did not serve {Address} within 90 s:\n{RecentOutput}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _log.WriteLine(line);
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 60)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _log.DisposeAsync();
    }
}
