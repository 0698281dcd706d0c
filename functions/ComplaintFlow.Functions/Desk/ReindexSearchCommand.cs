using System.Globalization;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>ComplaintFlow.Functions reindex-search [--since yyyy-MM-dd] [--dry-run]</c>: the app in a one-shot mode, with the
/// same settings and storage as when it serves, writing the desk search index's rows for every stored complaint
/// (received since the date, else all), e.g. after the index's layout changed. <c>scripts/reindex-search.sh</c> runs it.
/// </summary>
public static class ReindexSearchCommand
{
    public const string Verb = "reindex-search";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <returns>0 when done, 2 on a usage error, 3 when storage cannot be reached.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, IConfiguration? configuration = null, TimeProvider? time = null)
    {
        var rest = args.Skip(1).ToList();
        var dryRun = rest.Remove("--dry-run");
        var since = DateTimeOffset.UnixEpoch;
        var sinceAt = rest.IndexOf("--since");
        if (sinceAt >= 0)
        {
            if (sinceAt + 1 >= rest.Count || !DateOnly.TryParseExact(rest[sinceAt + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                await output.WriteLineAsync($"--since needs a date as yyyy-MM-dd (UTC). Usage: {Verb} [--since yyyy-MM-dd] [--dry-run]");
                return 2;
            }

            since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rest.RemoveRange(sinceAt, 2);
        }

        if (rest.Count != 0)
        {
            await output.WriteLineAsync($"Unknown argument {rest[0]}. Usage: {Verb} [--since yyyy-MM-dd] [--dry-run]");
            return 2;
        }

        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().AddLocalSettings().Build();
        await using var services = ComplaintFlowApp.BuildServices(configuration);
        var reindex = new SearchReindex(services.GetRequiredService<IComplaintCatalog>(), services.GetRequiredService<ISearchIndex>());
        var now = (time ?? TimeProvider.System).GetUtcNow();
        SearchReindexReport report;
        try
        {
            // Counts only: complaints hold personal data, and this output is often pasted into a ticket.
            var progress = new Progress<SearchReindexReport>(p => output.WriteLine($"  {p.Complaints} complaint(s), {p.Rows} row(s) so far"));
            report = await reindex.RunAsync(since, now, dryRun, progress, CancellationToken.None);
        }
        catch (Exception e) when (e is global::Azure.RequestFailedException or AggregateException)
        {
            var reason = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0].Message : e.Message;
            await output.WriteLineAsync($"Storage could not be reached ({reason}); nothing more was indexed. Is Azurite running (./run.sh) or ComplaintFlow:Storage set? Running the command again is safe.");
            return 3;
        }

        await output.WriteLineAsync(dryRun
            ? $"Would index {report.Complaints} complaint(s) ({report.Erased} erased: reference and facets only) with {report.Rows} row(s) (dry run: nothing written)."
            : $"Indexed {report.Complaints} complaint(s) ({report.Erased} erased: reference and facets only) with {report.Rows} row(s).");
        return 0;
    }
}
