using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run -c Release --project bench/ComplaintFlow.Bench.StatusLookup -- [--smoke] [--out DIR]
// Does the status lookup tell an attacker whether a reference exists? The same wrong contact is looked up under a
// real reference and under an unknown (well-formed) one, alternately in random order so drift hits both alike, first
// in the app's process (StatusLookup against the Table store on Azurite: the app's own work plus the storage read),
// then over HTTP through the local Functions host and the worker, as an attacker meets it. The report gives each
// side's quantiles, the ratio of medians, and how often a real-reference lookup is the slower of a random pair
// (0.5: the two cannot be told apart by timing one request). Timing targets live here, never in unit tests.
var smoke = args.Contains("--smoke");
var outIndex = Array.IndexOf(args, "--out");
var reportDir = outIndex >= 0 ? args[outIndex + 1] : Path.Combine(Azurite.RepositoryRoot(), "bench", "reports", "status-lookup");
Directory.CreateDirectory(reportDir);
var pairs = smoke ? 50 : 2000;
var warmUp = smoke ? 20 : 300;

await using var host = await AppHost.StartAsync(new Dictionary<string, string?>
{
    // The limits would refuse the bench after 20 lookups of one reference; the limiter's own cost is the same either way.
    ["ComplaintFlow:Intake:StatusRateLimit:PerClient"] = "100000000",
    ["ComplaintFlow:Intake:StatusRateLimit:PerReference"] = "100000000",
});

// A complaint of realistic size (4 KB of text), since reading and parsing a row is the work a miss does not do.
var text = string.Concat(Enumerable.Repeat("The engineer did not come on the day we agreed and nobody called. ", 60));
var real = await SeededComplaints.OpenAsync(host, "status-bench-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow.AddDays(5), text: text);
var realReference = ComplaintId.ToReference(real.Id);
var unknownReference = ComplaintId.ToReference(ComplaintId.FromSource(Channel.Web, "never-submitted-" + Guid.NewGuid().ToString("N")));
const string WrongContact = "someone.else@example.org";

var lookup = host.Services.GetRequiredService<StatusLookup>();
var client = IPAddress.Loopback;
var inProcess = await MeasureAsync(async reference =>
{
    var result = await lookup.LookUpAsync(reference, WrongContact, client, CancellationToken.None);
    Check(result.Outcome == StatusLookupOutcome.NotFound, $"in process: {result.Outcome}");
});

var http = await MeasureAsync(async reference =>
{
    using var response = await host.Client.GetAsync($"/api/complaints/{reference}?contact={Uri.EscapeDataString(WrongContact)}");
    await response.Content.ReadAsByteArrayAsync();
    Check(response.StatusCode == HttpStatusCode.NotFound, $"http: {(int)response.StatusCode}");
});

var report = new StringBuilder()
    .AppendLine("## Status lookup: unknown reference against a real reference with a wrong contact")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"{pairs} pairs{(smoke ? " (smoke: too few to read anything into)" : "")}, after {warmUp} warm-up pairs, alternated in random order; a real complaint of {text.Length} characters of text; times in microseconds.")
    .AppendLine()
    .AppendLine("| Path | Real reference, wrong contact: p10 / p50 / p90 | Unknown reference: p10 / p50 / p90 | Ratio of medians (real ÷ unknown) | Real slower in a random pair |")
    .AppendLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var (name, (realTimes, unknownTimes)) in new[] { ("in process (StatusLookup + Table read)", inProcess), ("HTTP (host + worker)", http) })
{
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {name} | {Quantiles(realTimes)} | {Quantiles(unknownTimes)} | {Median(realTimes) / Median(unknownTimes):0.000} | {ProbabilitySlower(realTimes, unknownTimes):0.000} |");
}

var markdown = report.ToString();
await File.WriteAllTextAsync(Path.Combine(reportDir, "status-lookup.md"), markdown);
Console.Write(markdown);
return;

async Task<(double[] Real, double[] Unknown)> MeasureAsync(Func<string, Task> look)
{
    var random = new Random(18);
    var realTimes = new List<double>(pairs);
    var unknownTimes = new List<double>(pairs);
    for (var i = 0; i < warmUp + pairs; i++)
    {
        var realFirst = random.Next(2) == 0;
        foreach (var isReal in realFirst ? new[] { true, false } : [false, true])
        {
            var watch = Stopwatch.StartNew();
            await look(isReal ? realReference : unknownReference);
            var micros = watch.Elapsed.TotalMicroseconds;
            if (i >= warmUp)
            {
                (isReal ? realTimes : unknownTimes).Add(micros);
            }
        }
    }

    return ([.. realTimes], [.. unknownTimes]);
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException($"The lookup did not answer 'not found' ({what}): the bench measures the wrong thing.");
    }
}

static double Median(double[] values) => Quantile(values, 0.5);

static double Quantile(double[] values, double q)
{
    var sorted = values.Order().ToArray();
    return sorted[(int)Math.Round(q * (sorted.Length - 1))];
}

static string Quantiles(double[] values) =>
    string.Create(CultureInfo.InvariantCulture, $"{Quantile(values, 0.1):0} / {Quantile(values, 0.5):0} / {Quantile(values, 0.9):0}");

// The Mann-Whitney U statistic over n*m: the chance a random real-reference time exceeds a random unknown one.
static double ProbabilitySlower(double[] real, double[] unknown)
{
    var sortedUnknown = unknown.Order().ToArray();
    double wins = 0;
    foreach (var r in real)
    {
        var below = LowerBound(sortedUnknown, r);
        var upTo = UpperBound(sortedUnknown, r);
        wins += below + (upTo - below) / 2.0;
    }

    return wins / ((double)real.Length * unknown.Length);
}

static int LowerBound(double[] sorted, double value)
{
    int lo = 0, hi = sorted.Length;
    while (lo < hi)
    {
        var mid = (lo + hi) / 2;
        if (sorted[mid] < value) { lo = mid + 1; } else { hi = mid; }
    }

    return lo;
}

static int UpperBound(double[] sorted, double value)
{
    int lo = 0, hi = sorted.Length;
    while (lo < hi)
    {
        var mid = (lo + hi) / 2;
        if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
    }

    return lo;
}
