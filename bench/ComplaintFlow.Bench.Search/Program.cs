using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing;

// Usage: dotnet run -c Release --project bench/ComplaintFlow.Bench.Search -- [--sizes 10000,100000] [--runs 15] [--smoke]
//        [--out DIR] [--app-writes] [--connection-string CS]
// Seeds each size in its own tables on one Azurite (azurite-tables.js: Azurite's Table service in memory): complaints
// (state rows, texts as customers write them, through TableComplaintStore) and the search index rows the app writes for
// them (SearchTerms.EntriesFor, keys by TableSearchIndex.KeysOf). Up to 2,000 complaints the index rows go through the
// app's own writer (TableSearchIndex.AddAsync: a shard's rows 100 to a transaction, in parallel); above, through the
// launcher's bulk-load door, the same rows and entities without HTTP (--app-writes: the app's writer at every size).
// The warm-up writes its rows both ways into two tables and stops the run unless they hold the same rows.
// The words that are searched for occur in the same number of complaints at every size (a rare word in 20, a
// Chinese word in 30, a named customer once) beside words that grow with the table (a common word in 30 % of
// complaints), so the ratio between sizes shows whether a search costs what it finds or what the table holds.
var sizes = new[] { 10_000, 100_000 };
var runs = 15;
var outDir = Path.Combine(Azurite.RepositoryRoot(), "bench", "reports");
string? connectionString = null;
var appWrites = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sizes": sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--smoke": sizes = [300, 1000]; runs = 3; break;
        case "--out": outDir = args[++i]; break;
        case "--connection-string": connectionString = args[++i]; break;
        case "--app-writes": appWrites = true; break;
        default: throw new ArgumentException($"Unknown argument {args[i]}.");
    }
}

Directory.CreateDirectory(outDir);
// Its own Azurite in memory, unless given storage to use (another Azurite, or a storage account: no bulk loading there).
await using var tables = connectionString is null ? await AzuriteTables.StartAsync() : null;
var service = new TableServiceClient(connectionString ?? tables!.ConnectionString);
const int BulkAbove = 2000;
var now = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
var loadBefore = ReadLoadAverage();
var bulkLoaded = new Dictionary<int, bool>();
var results = new List<(int Size, string Query, double MedianMs, double P95Ms, int Found, int Reads, double SeedS)>();

foreach (var size in sizes.Prepend(200))
{
    var warmUp = size == 200 && !sizes.Contains(200);
    var prefix = warmUp ? "warm" : $"s{size}";
    var complaintsTable = service.GetTableClient(prefix + "Complaints");
    var indexTable = service.GetTableClient(prefix + "SearchIndex");
    await complaintsTable.CreateIfNotExistsAsync();
    await indexTable.CreateIfNotExistsAsync();
    var store = new TableComplaintStore(complaintsTable);
    var tableIndex = new TableSearchIndex(indexTable);
    var search = new ComplaintSearch(tableIndex, store, new WorkLists(new PortalOptions()));

    var seeding = Stopwatch.StartNew();
    var bulk = tables is not null && !appWrites && size > BulkAbove;
    var (target, all) = await SeedAsync(store, bulk ? null : tableIndex, size, now);
    if (bulk)
    {
        await tables!.LoadAsync(indexTable.Name, all, size);
    }

    seeding.Stop();
    Console.WriteLine($"{size}: seeded in {seeding.Elapsed.TotalSeconds:0} s ({(bulk ? "index rows bulk-loaded" : "index rows through TableSearchIndex")})");
    if (warmUp && tables is not null)
    {
        // The bulk door must leave exactly what the app's writer leaves.
        var twin = service.GetTableClient("warmBulkSearchIndex");
        await twin.CreateIfNotExistsAsync();
        await tables.LoadAsync(twin.Name, all, size);
        var (viaApp, viaBulk) = (await RowsAsync(indexTable), await RowsAsync(twin));
        if (!viaApp.SequenceEqual(viaBulk))
        {
            Console.Error.WriteLine($"Search bench: the bulk-loaded index differs from the app's ({viaApp.Count} rows against {viaBulk.Count}).");
            return 1;
        }

        Console.WriteLine($"warm-up: {viaApp.Count} index rows, the same through the app's writer and the bulk door");
        await service.DeleteTableAsync(twin.Name);
    }

    (string Name, SearchQuery Query)[] queries =
    [
        ("reference", new SearchQuery { Text = ComplaintId.ToReference(target.Id) }),
        ("phone, national format", new SearchQuery { Text = "139 " + target.Contact.Phone![6..10] + " " + target.Contact.Phone[10..] }),
        ("email", new SearchQuery { Text = target.Contact.Email!.ToUpperInvariant() }),
        ("name", new SearchQuery { Text = target.Contact.Name }),
        ("rare word (20 complaints)", new SearchQuery { Text = "flooded" }),
        ("Chinese word (30 complaints)", new SearchQuery { Text = "漏水" }),
        ("common word (30 %), first page", new SearchQuery { Text = "refund" }),
        ("rare AND common word", new SearchQuery { Text = "flooded refund" }),
        ("view: all open, first page", new SearchQuery { Status = SearchStatus.Open }),
        ("view: resolved, oldest first", new SearchQuery { Status = SearchStatus.Resolved, Sort = SearchSort.Oldest }),
        ("view: open, one owner", new SearchQuery { Status = SearchStatus.Open, Owner = "agent-10@desk.example" }),
    ];
    foreach (var (name, query) in queries)
    {
        var errors = new List<ValidationError>();
        var terms = query.Terms("CN", "en", errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{name}: {errors[0].Message}");
        }

        var times = new List<double>();
        SearchPage? page = null;
        for (var r = 0; r < (warmUp ? 2 : runs); r++)
        {
            var watch = Stopwatch.StartNew();
            page = await search.SearchAsync(terms, ComplaintSearch.DefaultTake, null, now, CancellationToken.None);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (!warmUp)
        {
            times.Sort();
            results.Add((size, name, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], page!.Rows.Count, page.IndexReads, seeding.Elapsed.TotalSeconds));
            Console.WriteLine($"{size} {name}: median {times[times.Count / 2]:0.0} ms, {page.Rows.Count} rows, {page.IndexReads} index reads");
        }
    }

    if (tables is not null)
    {
        // Measured: free Azurite's memory for the next size (100,000 complaints are about 9 million rows).
        await service.DeleteTableAsync(complaintsTable.Name);
        await service.DeleteTableAsync(indexTable.Name);
    }

    bulkLoaded[size] = bulk;
}

var csv = new StringBuilder("complaints,query,median_ms,p95_ms,rows,index_reads,seed_s\n");
foreach (var r in results)
{
    csv.Append(CultureInfo.InvariantCulture, $"{r.Size},\"{r.Query}\",{r.MedianMs:0.0},{r.P95Ms:0.0},{r.Found},{r.Reads},{r.SeedS:0}\n");
}

await File.WriteAllTextAsync(Path.Combine(outDir, "search.csv"), csv.ToString());
var md = new StringBuilder("# Desk search at scale\n\n")
    .Append(CultureInfo.InvariantCulture, $"One Azurite (in memory), {Environment.ProcessorCount} cores, sizes {string.Join(" and ", sizes)} in the same run, {runs} runs of each query (first page of 25, complaints read and checked). Times in ms.\n\n")
    .Append("| Query | " + string.Join(" | ", sizes.Select(s => $"{s:N0}: median / p95 ms, rows, reads")) + " | Median ratio largest ÷ smallest |\n")
    .Append("| --- |" + string.Concat(sizes.Select(_ => " ---: |")) + " ---: |\n");
foreach (var group in results.GroupBy(r => r.Query))
{
    var cells = sizes.Select(s => group.First(r => r.Size == s)).ToList();
    md.Append(CultureInfo.InvariantCulture, $"| {group.Key} | {string.Join(" | ", cells.Select(c => $"{c.MedianMs:0.0} / {c.P95Ms:0.0}, {c.Found}, {c.Reads}"))} | {cells[^1].MedianMs / cells[0].MedianMs:0.00} |\n");
}

md.Append(CultureInfo.InvariantCulture, $"\nSeeding (complaints and index rows): {string.Join(", ", sizes.Select(s => $"{s:N0} in {results.First(r => r.Size == s).SeedS:0} s ({(bulkLoaded[s] ? "index bulk-loaded" : "index through the app's writer")})"))}. Load average before the run: {loadBefore}; after: {ReadLoadAverage()}.\n");
await File.WriteAllTextAsync(Path.Combine(outDir, "search.md"), md.ToString());
Console.WriteLine(md);

// Exact counts, not timings, decide the exit code: each query must find what was seeded at every size.
var wrong = results.Where(r => r.Found != Expected(r.Query, r.Size)).ToList();
foreach (var r in wrong)
{
    Console.Error.WriteLine($"Search bench: at {r.Size} complaints '{r.Query}' found {r.Found} rows.");
}

return wrong.Count == 0 ? 0 : 1;

static int Expected(string query, int size) => query switch
{
    "reference" or "phone, national format" or "email" or "name" => 1,
    "rare word (20 complaints)" or "rare AND common word" => 20,
    "view: open, one owner" => Math.Min(ComplaintSearch.DefaultTake, (size + 29) / 40), // i % 40 == 10 below
    _ => ComplaintSearch.DefaultTake,
};

static string ReadLoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static async Task<List<string>> RowsAsync(TableClient table)
{
    var rows = new List<string>();
    await foreach (var e in table.QueryAsync<TableEntity>())
    {
        rows.Add($"{e.PartitionKey}\t{e.RowKey}\t{string.Join(",", e.Keys.Order(StringComparer.Ordinal))}\t{e.Timestamp is not null}\t{e.ETag.ToString().StartsWith("W/\"datetime'", StringComparison.Ordinal)}");
    }

    return rows;
}

static async Task<(Complaint Target, Complaint[] All)> SeedAsync(TableComplaintStore store, TableSearchIndex? index, int size, DateTimeOffset now)
{
    // Texts as customers write them (the load benchmark's sentences, English and simplified Chinese by turns, 200 to
    // 800 bytes, log-uniform), with the searched-for words in a fixed number of complaints at every size.
    var random = new Random(size);
    var complaints = new Complaint[size];
    for (var i = 0; i < size; i++)
    {
        var zh = i % 3 == 0;
        var phrases = zh ? ComplaintPhrases.SimplifiedChinese : ComplaintPhrases.English;
        // The searched-for words first: a long text's words past SearchTerms.MaxWordTerms are not indexed.
        var text = new StringBuilder();
        if (i % 10 < 3)
        {
            text.Append(zh ? "退款 refund。" : "refund. ");
        }

        if (i % (size / 20) == 7)
        {
            text.Append("flooded refund. ");
        }

        if (i % (size / 30) == 1)
        {
            text.Append(zh ? "厨房漏水。" : "漏水. ");
        }

        text.Append(Pick(phrases.Openings));
        var target = (int)Math.Round(200 * Math.Pow(4, random.NextDouble()));
        while (Encoding.UTF8.GetByteCount(text.ToString()) < target)
        {
            var part = random.Next(3) switch { 0 => phrases.Incidents, 1 => phrases.Impacts, _ => phrases.History };
            text.Append(phrases.Separator).Append(Pick(part));
        }

        text.Append(phrases.Separator).Append(Pick(phrases.Demands));
        var open = i % 10 == 0;
        complaints[i] = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, $"search-{size}-{i}"),
            Channel = (Channel)(i % 5),
            ReceivedAt = now.AddMinutes(-3 * i),
            Contact = new ContactDetails
            {
                Name = i == size / 2 ? "Quentin Halloway" : zh ? "王" + "明华丽军芳"[i % 5] : "Li Lei",
                Email = $"c{i}@example.com",
                Phone = "+86139" + i.ToString("D8", CultureInfo.InvariantCulture),
            },
            Subject = Pick(phrases.Subjects),
            Text = text.ToString(),
            Language = zh ? "zh-Hans" : "en",
            SourceMessageId = $"search-{size}-{i}",
            Status = open ? ComplaintStatus.Open : ComplaintStatus.Resolved,
            Owner = $"agent-{i % 40}@desk.example",
        };
    }

    await Parallel.ForEachAsync(complaints, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, ct) =>
        await store.TryCreateAsync(c.Change(c.ReceivedAt), ct));
    if (index is null)
    {
        return (complaints[size / 2], complaints);
    }

    // Through the index's own write path, 64 complaints at a time: their rows go 100 to a transaction per shard, the
    // batches of one call in parallel, and several calls at once.
    var indexed = 0;
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(complaints.Chunk(64), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
    {
        await index.AddAsync(chunk.SelectMany(SearchTerms.EntriesFor), ct);
        var done = Interlocked.Add(ref indexed, chunk.Length);
        if (done / 1000 != (done - chunk.Length) / 1000)
        {
            // Progress, so a run stopped early still says how fast the index was seeded.
            Console.WriteLine($"{size}: {done} complaints indexed in {watch.Elapsed.TotalSeconds:0} s");
        }
    });
    Console.WriteLine($"{size}: {complaints.Sum(c => SearchTerms.EntriesFor(c).Count) / (double)size:0.0} index rows per complaint, {complaints.Average(c => Encoding.UTF8.GetByteCount(c.Text)):0} bytes of text on average");
    return (complaints[size / 2], complaints);

    string Pick(IReadOnlyList<string> choices) => choices[random.Next(choices.Count)];
}
