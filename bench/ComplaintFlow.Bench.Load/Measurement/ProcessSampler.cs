using System.Diagnostics;
using System.Globalization;

namespace ComplaintFlow.Bench.Load.Measurement;

/// <summary>CPU and memory of one process over a window: CPU as a share of one core (100 % = one core busy).</summary>
internal sealed record ProcessUsage(string Name, double CpuPercentOfOneCore, long PeakRssBytes, long MeanRssBytes, TimeSpan CpuTime)
{
    public static ProcessUsage Unavailable(string name) => new(name, double.NaN, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Samples a process (and its children, for Azurite's node process) every 250 ms while a phase runs. CPU comes from
/// the difference in total processor time over the window, so a short phase still gets an exact figure.
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private readonly string _name;
    private readonly Func<IReadOnlyList<Process>> _processes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart;
    private long _peakRss;
    private long _rssSum;
    private int _samples;

    private ProcessSampler(string name, Func<IReadOnlyList<Process>> processes)
    {
        _name = name;
        _processes = processes;
        _cpuAtStart = TotalCpu();
        _sampling = SampleAsync(_stop.Token);
    }

    public static ProcessSampler Current() => new("Functions host, storage proxy + load generator (this process)", () => [Process.GetCurrentProcess()]);

    /// <summary>The child processes of this one whose command line mentions <paramref name="commandContains"/>.</summary>
    public static ProcessSampler ChildrenNamed(string name, string commandContains) =>
        new(name, () => ChildProcesses(Environment.ProcessId).Where(p => CommandLine(p.Id).Contains(commandContains, StringComparison.Ordinal)).ToList());

    public async Task<ProcessUsage> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var cpu = TotalCpu() - _cpuAtStart;
        if (_samples == 0)
        {
            return ProcessUsage.Unavailable(_name);
        }

        return new ProcessUsage(_name, 100 * cpu.TotalSeconds / _clock.Elapsed.TotalSeconds, _peakRss, _rssSum / _samples, cpu);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var processes = _processes();
            if (processes.Count == 0)
            {
                continue;
            }

            long rss = 0;
            foreach (var process in processes)
            {
                process.Refresh();
                rss += process.WorkingSet64;
            }

            _peakRss = Math.Max(_peakRss, rss);
            _rssSum += rss;
            _samples++;
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private TimeSpan TotalCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var process in _processes())
        {
            try
            {
                process.Refresh();
                total += process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                // Exited between listing and reading.
            }
        }

        return total;
    }

    /// <summary>Descendants via /proc (Linux); elsewhere none, and the report says the figure is unavailable.</summary>
    private static List<Process> ChildProcesses(int parent)
    {
        var found = new List<Process>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        var parents = new HashSet<int> { parent };
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToList();
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, ppid) in all)
            {
                if (parents.Contains(ppid) && parents.Add(pid))
                {
                    grew = true;
                    try
                    {
                        found.Add(Process.GetProcessById(pid));
                    }
                    catch (ArgumentException)
                    {
                        // Gone already.
                    }
                }
            }
        }
        while (grew);
        return found;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampling;
        }

        _stop.Dispose();
    }
}
