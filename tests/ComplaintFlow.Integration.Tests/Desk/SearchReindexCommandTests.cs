using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Functions.Desk;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Configuration;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// <c>scripts/reindex-search.sh</c>'s command against the storage of a running app: after the search index lost its
/// rows (a layout change, a dropped table) the desk finds nothing; the command puts back what every complaint needs, an
/// erased complaint gets no row that names its customer back, a dry run writes nothing and a second run changes nothing.
/// </summary>
public sealed class SearchReindexCommandTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_command_rebuilds_an_emptied_index_without_bringing_back_an_erased_customer()
    {
        var kept = await ComplaintAsync("reindex-1", "王小明", "wang.reindex@example.cn", "13812345601", "宽带断网三天了，客服电话一直打不通。");
        var erased = await ComplaintAsync("reindex-2", "Grace Lam", "grace.lam@example.hk", "+852 9123 4567", "The meter reading on my bill is wrong again.");
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = "grace.lam@example.hk", confirm = "ERASE" })).StatusCode);
        var before = await RowCountAsync();

        await foreach (var row in Index.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await Index.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Empty(await SearchAsync(supervisor, "+86 138 1234 5601"));

        var dryRun = await RunAsync("reindex-search", "--dry-run");
        Assert.Equal(0, dryRun.Exit);
        Assert.Contains("Would index 2 complaint(s) (1 erased: reference and facets only)", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(0, await RowCountAsync());

        var run = await RunAsync("reindex-search");
        Assert.Equal(0, run.Exit);
        Assert.Contains("Indexed 2 complaint(s) (1 erased: reference and facets only)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wang", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await RowCountAsync());

        foreach (var typed in new[] { "+86 138 1234 5601", "WANG.REINDEX@example.cn", "小明", "寬帶斷網", ComplaintId.ToReference(kept) })
        {
            Assert.Equal([kept], await SearchAsync(supervisor, typed));
        }

        foreach (var typed in new[] { "grace.lam@example.hk", "9123 4567", "meter" })
        {
            Assert.Empty(await SearchAsync(supervisor, typed));
        }

        Assert.Equal([erased], await SearchAsync(supervisor, ComplaintId.ToReference(erased)));
        Assert.Contains(kept, await SearchAsync(supervisor, null, "status=open"));

        Assert.Equal(0, (await RunAsync("reindex-search")).Exit);
        Assert.Equal(before, await RowCountAsync());
        Assert.Equal(2, (await RunAsync("reindex-search", "--since", "yesterday")).Exit);
        Assert.Equal(2, (await RunAsync("reindex-search", "--everything")).Exit);
    }

    private TableClient Index => SearchApiTests.IndexOf(_host);

    private async Task<int> RowCountAsync() => await Index.QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync();

    private Task<string> ComplaintAsync(string key, string name, string email, string phone, string text) => SearchApiTests.ComplaintAsync(_host, key, name, email, phone, text);

    private static async Task<List<string>> SearchAsync(StaffSession staff, string? typed, string? query = null) =>
        SearchApiTests.Ids(await SearchApiTests.SearchAsync(staff, query ?? "q=" + Uri.EscapeDataString(typed!)));

    /// <summary>The command as Program.cs runs it, with the app's storage settings (what local.settings.json gives it).</summary>
    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await ReindexSearchCommand.RunAsync(args, output, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComplaintFlow:Storage:ConnectionString"] = _host.Azurite.ConnectionString,
            ["ComplaintFlow:Storage:NamePrefix"] = _host.Prefix,
        }).Build());
        return (exit, output.ToString());
    }
}
