using System.Globalization;

namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>
/// One storm run's parameters. Two presets: the storm (5,000 complaints about three incidents in two minutes) and
/// <c>--smoke</c> (150 in 20 s, under a minute with the app's start; CI). Any option overrides its preset.
/// </summary>
internal sealed record StormSettings
{
    public required string Mode { get; init; }

    /// <summary>Complaints about the three incidents, sent within <see cref="Duration"/>.</summary>
    public required int Count { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Complaints about nothing in particular (and lookalikes) per second, before, during and after the burst.</summary>
    public required double BackgroundRate { get; init; }

    /// <summary>Background only, before the burst: the pipeline at rest.</summary>
    public required TimeSpan Before { get; init; }

    /// <summary>Background only, after the burst: how the pipeline recovers while the backlog drains.</summary>
    public required TimeSpan After { get; init; }

    /// <summary>How long to wait, after the last send, for every acknowledgement and empty queues.</summary>
    public required TimeSpan DrainTimeout { get; init; }

    public int Seed { get; init; } = 20_261_207;
    public StormMix Mix { get; init; } = StormMix.Default;
    public required string OutputDirectory { get; init; }

    public bool IsSmoke => Mode == "storm-smoke";

    public const string Usage = """
        Usage: ComplaintFlow.Bench.Load --storm [--smoke] [options]
          --smoke                 150 complaints in 20 s (CI, under a minute); default is 5,000 in 120 s
          --out DIR               where storm.csv, storm-operations.csv and storm.md go (default bench/reports/<mode>)
          --count N               complaints about the three incidents (storm 5000, smoke 150)
          --duration SECONDS      the burst's length (storm 120, smoke 20)
          --background-rate N     other complaints per second, before, during and after the burst (storm 2, smoke 1)
          --before SECONDS        background only, before the burst (storm 10, smoke 2)
          --after SECONDS         background only, after the burst (storm 60, smoke 5)
          --drain-timeout S       wait for every acknowledgement after the last send (storm 1200, smoke 60)
          --mix SHARES            routes, e.g. web=0.6,email=0.25,sms=0.15 (the default)
          --seed N                seed of the storm generator (default 20261207)
        """;

    public static StormSettings Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        var smoke = args.Contains("--smoke");
        var mode = smoke ? "storm-smoke" : "storm";
        var settings = new StormSettings
        {
            Mode = mode,
            Count = smoke ? 150 : 5_000,
            Duration = TimeSpan.FromSeconds(smoke ? 20 : 120),
            BackgroundRate = smoke ? 1 : 2,
            Before = TimeSpan.FromSeconds(smoke ? 2 : 10),
            After = TimeSpan.FromSeconds(smoke ? 5 : 60),
            DrainTimeout = TimeSpan.FromSeconds(smoke ? 60 : 1_200),
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
                "--storm" or "--smoke" => settings,
                "--out" => settings with { OutputDirectory = Path.GetFullPath(Value()) },
                "--count" => settings with { Count = Math.Max(1, (int)Number()) },
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(Math.Max(1, Number())) },
                "--background-rate" => settings with { BackgroundRate = Number() },
                "--before" => settings with { Before = TimeSpan.FromSeconds(Number()) },
                "--after" => settings with { After = TimeSpan.FromSeconds(Number()) },
                "--drain-timeout" => settings with { DrainTimeout = TimeSpan.FromSeconds(Number()) },
                "--mix" => settings with { Mix = StormMix.Parse(Value()) },
                "--seed" => settings with { Seed = (int)Number() },
                _ => throw new ArgumentException($"Unknown storm option '{option}'."),
            };
        }

        return settings;
    }
}
