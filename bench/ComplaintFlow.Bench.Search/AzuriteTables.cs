using System.Diagnostics;
using System.Globalization;
using System.Text;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Testing;

/// <summary>
/// Azurite's Table service in memory, started by <c>azurite-tables.js</c> (next to this file) with room for 100,000
/// complaints' index rows (about 9 million entities, several GB), and its bulk-load door for those rows.
/// </summary>
internal sealed class AzuriteTables : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _load;

    private AzuriteTables(Process process, int tablePort, int loadPort)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.AccountKey};TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        _load = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{loadPort}/"), Timeout = TimeSpan.FromMinutes(10) };
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteTables> StartAsync()
    {
        var root = Azurite.RepositoryRoot();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add("--max-old-space-size=12288");
        start.ArgumentList.Add(Path.Combine(root, "bench", "ComplaintFlow.Bench.Search", "azurite-tables.js"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("azurite-tables: " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException("azurite-tables.js exited before listening.");
        var parts = line.Split(' ');
        if (parts is not ["tables", var tablePort, "load", var loadPort])
        {
            throw new InvalidOperationException("azurite-tables.js said: " + line);
        }

        return new AzuriteTables(process, int.Parse(tablePort, CultureInfo.InvariantCulture), int.Parse(loadPort, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Upserts every index row of <paramref name="complaints"/> into <paramref name="table"/>: the rows
    /// <see cref="SearchTerms.EntriesFor"/> gives, at the keys <see cref="TableSearchIndex.KeysOf"/> gives, as
    /// <see cref="TableSearchIndex.AddAsync"/> writes them; 1,000 complaints to a request.
    /// </summary>
    public async Task LoadAsync(string table, IReadOnlyList<Complaint> complaints, int size)
    {
        var watch = Stopwatch.StartNew();
        var done = 0;
        foreach (var chunk in complaints.Chunk(1000))
        {
            var body = new StringBuilder();
            foreach (var (partition, row) in chunk.SelectMany(SearchTerms.EntriesFor).Select(TableSearchIndex.KeysOf).Distinct())
            {
                body.Append(partition).Append('\t').Append(row).Append('\n');
            }

            using var response = await _load.PostAsync(Uri.EscapeDataString(table), new StringContent(body.ToString(), Encoding.UTF8, "text/plain"));
            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Bulk load into {table} failed: {answer}");
            }

            done += chunk.Length;
            if (done % 10_000 == 0)
            {
                Console.WriteLine($"{size}: {done} complaints' index rows loaded in {watch.Elapsed.TotalSeconds:0} s");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _load.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
