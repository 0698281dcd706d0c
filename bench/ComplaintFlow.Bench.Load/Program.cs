using ComplaintFlow.Bench.Load;
using ComplaintFlow.Bench.Load.Reporting;
using ComplaintFlow.Testing;

if (args.Contains("--storm"))
{
    return await ComplaintFlow.Bench.Load.Storm.StormProgram.RunAsync(args);
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchSettings.Usage);
    return 0;
}

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args, Azurite.RepositoryRoot());
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(BenchSettings.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = await new BenchRun(settings, Console.Out).RunAsync(cancel.Token);
var report = await ReportWriter.WriteAsync(results, cancel.Token);
Console.WriteLine($"Report: {report}");

// Performance targets are the report's business; the exit code says whether the harness and the pipeline worked.
var broken = HarnessCheck.Problems(results);
foreach (var problem in broken)
{
    await Console.Error.WriteLineAsync($"bench: {problem}");
}

Console.WriteLine(broken.Count == 0 ? "bench: harness OK" : $"bench: {broken.Count} problem(s)");
return broken.Count == 0 ? 0 : 1;
