using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Time.Testing;

// Usage: dotnet run -c Release --project bench/ComplaintFlow.Bench.Deadlines -- [sizes, default 10000,100000] [report folder]
// Seeds each size in its own tables on one Azurite and reports, side by side, what the overdue query and one sweep
// read and how long they took. The open work is the same in every run (1 % of the largest size overdue, 2 % due
// within the due-soon horizon, 1 % open with later deadlines); the rest of each size is resolved history, so the
// comparison shows whether cost follows the deadlines due or the size of the history.
var sizes = (args.Length > 0 ? args[0] : "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var reportDir = args.Length > 1 ? args[1] : Path.Combine(Azurite.RepositoryRoot(), "bench", "reports");
Directory.CreateDirectory(reportDir);

var azurite = await Azurite.StartAsync(inMemory: true, location: null);
var service = new TableServiceClient(azurite.ConnectionString);
var now = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
var options = new DeadlineOptions();
var rules = DeadlineRules.Load(options);
var rows = new List<string[]>();

// The first size is measured after a warm-up run on its own small tables, so JIT and connection set-up are not in it.
foreach (var size in sizes.Prepend(0))
{
    var warmUp = size == 0;
    var prefix = warmUp ? "warm" : $"b{size}";
    var complaintsTable = service.GetTableClient(prefix + "Complaints");
    var deadlinesTable = service.GetTableClient(prefix + "Deadlines");
    await complaintsTable.CreateIfNotExistsAsync();
    await deadlinesTable.CreateIfNotExistsAsync();
    var index = new TableDeadlineIndex(deadlinesTable);
    var store = new IndexedComplaintStore(new TableComplaintStore(complaintsTable), index);

    var seeding = Stopwatch.StartNew();
    var (overdue, dueSoon) = await SeedAsync(store, warmUp ? 300 : size, warmUp ? 1000 : sizes.Max(), now);
    seeding.Stop();

    var overdueQuery = Stopwatch.StartNew();
    var overdueRows = 0;
    await foreach (var _ in index.DueByAsync(now, CancellationToken.None))
    {
        overdueRows++;
    }

    overdueQuery.Stop();

    // The sweep in this benchmark looks as far ahead as the due-soon horizon, so what it may read is overdue + due soon.
    var sweepOptions = new DeadlineOptions { SweepHorizon = new PortalOptions().DueSoonHorizon };
    var sweep = new DeadlineSweep(index, store, new DeadlineSweepPolicy(sweepOptions, rules), sweepOptions, new Notices(new DiscardingQueue()), new FakeTimeProvider(now));
    var sweepTime = Stopwatch.StartNew();
    var report = await sweep.RunAsync(CancellationToken.None);
    sweepTime.Stop();

    // The same sweep a minute later reads the same deadlines but has nothing new to write: its time is the reading
    // and deciding alone, apart from the escalation writes (whose cost in Azurite grows with the table, see README).
    var repeat = new DeadlineSweep(index, store, new DeadlineSweepPolicy(sweepOptions, rules), sweepOptions, new Notices(new DiscardingQueue()), new FakeTimeProvider(now.AddMinutes(1)));
    var repeatTime = Stopwatch.StartNew();
    var repeatReport = await repeat.RunAsync(CancellationToken.None);
    repeatTime.Stop();

    // What the first sweep did beyond the repeat: read the overdue complaints and write their escalations. The reads
    // alone, timed here, show which of the two follows the size of the table.
    var readTime = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, overdue), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        await store.FindAsync(ComplaintId.FromSource(Channel.Web, $"bench-{(warmUp ? 300 : size)}-{i}"), ct));
    readTime.Stop();

    if (warmUp)
    {
        continue;
    }

    var expected = overdue + dueSoon;
    rows.Add([
        size.ToString(CultureInfo.InvariantCulture), overdue.ToString(CultureInfo.InvariantCulture), dueSoon.ToString(CultureInfo.InvariantCulture),
        overdueRows.ToString(CultureInfo.InvariantCulture), overdueQuery.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
        (report.EntriesRead + report.ComplaintsRead).ToString(CultureInfo.InvariantCulture),
        ((double)(report.EntriesRead + report.ComplaintsRead) / expected).ToString("0.00", CultureInfo.InvariantCulture),
        sweepTime.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
        (repeatReport.EntriesRead + repeatReport.ComplaintsRead).ToString(CultureInfo.InvariantCulture),
        repeatTime.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
        readTime.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
        seeding.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
    ]);
    Console.WriteLine($"{size}: overdue query {overdueRows} rows in {overdueQuery.Elapsed.TotalMilliseconds:0} ms; sweep read {report.EntriesRead} index rows + {report.ComplaintsRead} complaints in {sweepTime.Elapsed.TotalMilliseconds:0} ms");
}

string[] header = ["complaints", "overdue", "due_soon", "overdue_rows_read", "overdue_query_ms", "sweep_entities_read", "sweep_read_ratio_to_overdue_plus_due_soon", "sweep_ms", "repeat_sweep_entities_read", "repeat_sweep_ms", "overdue_complaint_reads_ms", "seed_s"];
await File.WriteAllTextAsync(Path.Combine(reportDir, "deadlines.csv"), string.Join('\n', new[] { header }.Concat(rows).Select(r => string.Join(',', r))) + "\n");
var md = new StringBuilder("# Deadlines index at scale\n\n")
    .Append(CultureInfo.InvariantCulture, $"One Azurite (in memory), {Environment.ProcessorCount} cores, sizes {string.Join(" and ", sizes)} measured in the same run.\n\n")
    .Append("| " + string.Join(" | ", header) + " |\n|" + string.Concat(header.Select(_ => " --- |")) + "\n");
foreach (var row in rows)
{
    md.Append("| " + string.Join(" | ", row) + " |\n");
}

if (rows.Count >= 2)
{
    var first = rows[0];
    var last = rows[^1];
    md.Append(CultureInfo.InvariantCulture, $"\nTime ratio {last[0]} vs {first[0]} complaints: overdue query {double.Parse(last[4], CultureInfo.InvariantCulture) / double.Parse(first[4], CultureInfo.InvariantCulture):0.00}x, sweep {double.Parse(last[7], CultureInfo.InvariantCulture) / double.Parse(first[7], CultureInfo.InvariantCulture):0.00}x, repeat sweep {double.Parse(last[9], CultureInfo.InvariantCulture) / double.Parse(first[9], CultureInfo.InvariantCulture):0.00}x, reading the overdue complaints {double.Parse(last[10], CultureInfo.InvariantCulture) / double.Parse(first[10], CultureInfo.InvariantCulture):0.00}x (same open work in both runs; only the history grows).\n");
}

await File.WriteAllTextAsync(Path.Combine(reportDir, "deadlines.md"), md.ToString());
Console.WriteLine(md);
await azurite.DisposeAsync();

// Entity counts are exact, not timings: a design regression (reading beyond the due buckets) fails the run.
var broken = rows.Where(r => r[1] != r[3] || double.Parse(r[6], CultureInfo.InvariantCulture) > 2).ToList();
foreach (var row in broken)
{
    Console.Error.WriteLine($"Deadlines bench: at {row[0]} complaints the overdue query read {row[3]} rows for {row[1]} overdue, the sweep read {row[6]}x overdue + due soon.");
}

return broken.Count == 0 ? 0 : 1;

static async Task<(int Overdue, int DueSoon)> SeedAsync(IComplaintStore store, int size, int largest, DateTimeOffset now)
{
    int overdueCount = largest / 100, dueSoonCount = largest / 50, laterCount = largest / 100;
    await Parallel.ForEachAsync(Enumerable.Range(0, size), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    {
        DateTimeOffset? due = i switch
        {
            _ when i < overdueCount => now.AddHours(-1 - (i % 40)),
            _ when i < overdueCount + dueSoonCount => now.AddHours(1 + (i % 7)), // within the portal's due-soon horizon (8 h)
            _ when i < overdueCount + dueSoonCount + laterCount => now.AddDays(3 + (i % 20)),
            _ => null, // resolved long ago: history only
        };
        var received = due is { } d0 ? d0.AddDays(-5) : now.AddDays(-30 - (i % 300));
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, $"bench-{size}-{i}"),
            Channel = Channel.Web,
            ReceivedAt = received,
            Contact = new ContactDetails { Email = $"c{i}@example.com" },
            Text = "账单金额不对 / wrong bill amount",
            Language = "zh-Hans",
            SourceMessageId = $"bench-{size}-{i}",
            Status = due is null ? ComplaintStatus.Resolved : ComplaintStatus.Open,
            Deadlines = due is { } d
                ? [new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = received, DueAt = d, Unit = DurationUnits.Hours, Pausable = true, WarnedAt = received.AddDays(4) }]
                : [],
        };
        await store.TryCreateAsync(complaint.Change(received).Record(EventTypes.Received, Actors.Customer), ct);
    });
    return (Math.Min(size, overdueCount), Math.Clamp(size - overdueCount, 0, dueSoonCount));
}

/// <summary>The benchmark measures reads; staff notices are counted by the sweep report, not sent.</summary>
internal sealed class DiscardingQueue : IMessageQueue
{
    public Task SendAsync<T>(string queueName, T message, TimeSpan visibleAfter, CancellationToken cancellationToken) => Task.CompletedTask;
}
