using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Functions.Poison;

/// <summary>
/// <c>ComplaintFlow.Functions replay-poison &lt;queue&gt; [--id &lt;message id&gt;] [--dry-run]</c>: the app in a one-shot
/// mode, with the same settings and storage connection as when it serves, replaying a poison queue and printing
/// the ids it put back. <c>scripts/replay-poison.sh</c> runs it.
/// </summary>
public static class ReplayPoisonCommand
{
    public const string Verb = "replay-poison";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <returns>0 when done, 1 when the one message asked for is not there, 2 on a usage error, 3 when storage cannot be reached.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, IConfiguration? configuration = null)
    {
        var rest = args.Skip(1).ToList();
        var dryRun = rest.Remove("--dry-run");
        string? id = null;
        var idAt = rest.IndexOf("--id");
        if (idAt >= 0 && idAt + 1 < rest.Count)
        {
            id = rest[idAt + 1];
            rest.RemoveRange(idAt, 2);
        }

        // The same settings the worker reads: its environment and local.settings.json.
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().AddLocalSettings().Build();
        await using var services = ComplaintFlowApp.BuildServices(configuration);
        var poison = services.GetRequiredService<IPoisonQueues>();
        if (rest.Count != 1 || !poison.Queues.Contains(rest[0]))
        {
            await output.WriteLineAsync($"Usage: {Verb} <{string.Join("|", poison.Queues)}> [--id <message id>] [--dry-run]");
            return 2;
        }

        var queue = rest[0];
        ReplayReport report;
        try
        {
            report = await poison.ReplayAsync(queue, id, dryRun, CancellationToken.None);
        }
        catch (Exception e) when (e is global::Azure.RequestFailedException or AggregateException)
        {
            // Storage unreachable (Azurite not started, a wrong connection string): say so, not a stack trace.
            var reason = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0].Message : e.Message;
            await output.WriteLineAsync($"Storage could not be reached ({reason}); nothing was replayed. Is Azurite running (./run.sh) or ComplaintFlow:Storage set?");
            return 3;
        }

        await output.WriteLineAsync(dryRun
            ? $"Would replay {report.Replayed.Count} message(s) from {queue}-poison to {queue} (dry run: nothing changed)."
            : $"Replayed {report.Replayed.Count} message(s) from {queue}-poison to {queue}.");
        foreach (var replayed in report.Replayed)
        {
            await output.WriteLineAsync("  " + replayed);
        }

        return id is not null && report.Replayed.Count == 0 ? 1 : 0;
    }
}
