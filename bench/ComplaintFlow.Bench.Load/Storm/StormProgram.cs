using ComplaintFlow.Testing;

namespace ComplaintFlow.Bench.Load.Storm;

/// <summary><c>--storm</c>: the storm run instead of the load run; the exit code says whether a complaint was lost or acknowledged twice.</summary>
internal static class StormProgram
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(StormSettings.Usage);
            return 0;
        }

        StormSettings settings;
        try
        {
            settings = StormSettings.Parse(args, Azurite.RepositoryRoot());
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(StormSettings.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var results = await new StormRun(settings, Console.Out).RunAsync(cancel.Token);
        var figures = StormFigures.Of(results);
        var summary = await StormReport.WriteAsync(results, figures, cancel.Token);
        Console.WriteLine(summary);
        Console.WriteLine($"Report: {Path.Combine(settings.OutputDirectory, "storm.md")}");
        var problems = figures.Problems();
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"storm: {problem}");
        }

        Console.WriteLine(problems.Count == 0 ? "storm: no loss, every acknowledgement once" : $"storm: {problems.Count} problem(s)");
        return problems.Count == 0 ? 0 : 1;
    }
}
