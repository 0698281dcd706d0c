using System.Globalization;

namespace ComplaintFlow.Bench.Load;

/// <summary>
/// One run's parameters. Two presets: <c>full</c> (the README's benchmark, minutes) and <c>smoke</c> (seconds; proves
/// the harness still works end to end, as CI runs it). Any option overrides its preset.
/// </summary>
internal sealed record BenchSettings
{
    public required string Mode { get; init; }

    /// <summary>Complaints sent and acknowledged before measuring, so JIT and connection set-up stay out of the figures.</summary>
    public required int WarmUpComplaints { get; init; }

    /// <summary>Length of the maximum-rate window and of the fixed-rate window.</summary>
    public required TimeSpan PhaseDuration { get; init; }

    /// <summary>Concurrent senders at maximum rate; the ceiling uses the same number of storage workers.</summary>
    public required int Concurrency { get; init; }

    /// <summary>Fixed rate in complaints/s; null means half the maximum processed rate measured just before.</summary>
    public double? FixedRate { get; init; }

    public required TimeSpan CeilingDuration { get; init; }

    /// <summary>How long to wait, after sending stops, for the pipeline to acknowledge everything accepted.</summary>
    public required TimeSpan DrainTimeout { get; init; }

    public double EmailShare { get; init; } = 0.15;
    public double SmsShare { get; init; } = 0.10;
    public int Seed { get; init; } = 20_260_101;
    public required string OutputDirectory { get; init; }

    /// <summary>Folder where the component benchmarks (triage analyzer, overdue query) left their reports.</summary>
    public string? ComponentsDirectory { get; init; }

    /// <summary>Measure only the storage ceiling, with the operation mix read from the code (no app).</summary>
    public bool CeilingOnly { get; init; }

    public bool IsSmoke => Mode == "smoke";

    public const string Usage = """
        Usage: ComplaintFlow.Bench.Load [--smoke] [options]
          --smoke                 seconds-long run that checks the harness (CI); default is the full run
          --out DIR               where report.md and the CSV files go (default bench/reports/<mode>)
          --components DIR        include component benchmark reports found under DIR
          --duration SECONDS      length of each load window (full 60, smoke 3)
          --concurrency N         concurrent senders at maximum rate, and storage workers for the ceiling (full 32, smoke 4)
          --rate N                fixed rate in complaints/s (default: half the measured maximum)
          --ceiling-duration S    length of the raw storage measurement (full 30, smoke 2)
          --drain-timeout S       wait for acknowledgements after sending stops (full 180, smoke 30)
          --warm-up N             complaints sent before measuring (full 100, smoke 5)
          --email-share F         share of complaints sent as SendGrid inbound emails (default 0.15)
          --sms-share F           share sent as Twilio SMS webhooks (default 0.10)
          --seed N                seed of the complaint generator (default 20260101)
          --ceiling-only          measure only raw storage, with the operation mix read from the code
        """;

    public static BenchSettings Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        var smoke = args.Contains("--smoke");
        var mode = smoke ? "smoke" : "full";
        var settings = new BenchSettings
        {
            Mode = mode,
            WarmUpComplaints = smoke ? 5 : 100,
            PhaseDuration = TimeSpan.FromSeconds(smoke ? 3 : 60),
            Concurrency = smoke ? 4 : 32,
            CeilingDuration = TimeSpan.FromSeconds(smoke ? 2 : 30),
            DrainTimeout = TimeSpan.FromSeconds(smoke ? 30 : 180),
            OutputDirectory = Path.Combine(repositoryRoot, "bench", "reports", mode),
        };

        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            double Number() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw new ArgumentException($"{option} needs a non-negative number, not '{args[i]}'.");
            settings = option switch
            {
                "--smoke" => settings,
                "--ceiling-only" => settings with { CeilingOnly = true },
                "--out" => settings with { OutputDirectory = Path.GetFullPath(Value()) },
                "--components" => settings with { ComponentsDirectory = Path.GetFullPath(Value()) },
                "--duration" => settings with { PhaseDuration = TimeSpan.FromSeconds(Number()) },
                "--concurrency" => settings with { Concurrency = Math.Max(1, (int)Number()) },
                "--rate" => settings with { FixedRate = Number() },
                "--ceiling-duration" => settings with { CeilingDuration = TimeSpan.FromSeconds(Number()) },
                "--drain-timeout" => settings with { DrainTimeout = TimeSpan.FromSeconds(Number()) },
                "--warm-up" => settings with { WarmUpComplaints = (int)Number() },
                "--email-share" => settings with { EmailShare = Number() },
                "--sms-share" => settings with { SmsShare = Number() },
                "--seed" => settings with { Seed = (int)Number() },
                _ => throw new ArgumentException($"Unknown option '{option}'."),
            };
        }

        if (settings.EmailShare + settings.SmsShare > 1)
        {
            throw new ArgumentException("--email-share plus --sms-share cannot exceed 1.");
        }

        return settings;
    }
}
