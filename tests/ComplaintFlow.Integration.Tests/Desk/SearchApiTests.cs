using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// <c>GET /api/portal/search</c> through the app on Azurite: the table <c>SearchIndex</c> follows what intake, triage
/// and the desk write, a complaint is found by what staff would type, the views follow a resolution, and an erasure
/// leaves no row in the index that names the customer.
/// </summary>
public sealed class SearchApiTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_complaint_is_found_by_reference_phone_in_another_format_email_name_and_chinese_word_and_the_views_follow_its_resolution()
    {
        var id = await ComplaintAsync("search-1", "王小明", "wang.xm@example.cn", "13812345678", "宽带断网三天了，客服电话一直打不通。\n第二行。");
        await ComplaintAsync("search-2", "Li Wei", "li.wei@example.cn", "13912345678", "My bill doubled without notice.");
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        foreach (var typed in new[] { ComplaintId.ToReference(id).ToLowerInvariant(), "+86 138-1234-5678", "WANG.XM@example.cn", "小明", "寬帶斷網", "客服 电话" })
        {
            var found = await SearchAsync(agent, $"q={Uri.EscapeDataString(typed)}");
            var row = Assert.Single(found.GetProperty("items").EnumerateArray());
            Assert.Equal(id, row.GetProperty("complaintId").GetString());
        }

        var item = (await SearchAsync(agent, "q=" + Uri.EscapeDataString("宽带"))).GetProperty("items")[0];
        Assert.Equal("宽带断网三天了，客服电话一直打不通。", item.GetProperty("subject").GetString());
        Assert.Equal("王小明", item.GetProperty("customer").GetString());
        Assert.True(item.GetProperty("next").GetProperty("minutesLeft").GetInt64() > 0);

        Assert.Contains(id, Ids(await SearchAsync(agent, "status=open")));
        Assert.Equal(HttpStatusCode.OK, (await agent.ActAsync(id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.ActAsync(id, "resolve", new { resolution = "We fixed the line.", rootCause = "our-error" })).StatusCode);
        Assert.DoesNotContain(id, Ids(await SearchAsync(agent, "status=open")));
        Assert.Equal([id], Ids(await SearchAsync(agent, "status=resolved")));
        Assert.Equal([id], Ids(await SearchAsync(agent, "status=resolved&owner=me")));
        Assert.Empty(await RowsAsync("s:open", id));
    }

    [Fact]
    public async Task Erasure_takes_every_row_that_names_the_customer_out_of_the_search_index()
    {
        var id = await ComplaintAsync("erase-search-1", "Zhao Lei", "zhao.lei@example.cn", "13700137000", "Zhao here: the meter reading is wrong again.");
        Assert.NotEmpty(await RowsAsync("p:13700137000", id));
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        var erased = await supervisor.PostAsync("/api/portal/contacts/erase", new { contact = "zhao.lei@example.cn", confirm = "ERASE" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        foreach (var typed in new[] { "zhao.lei@example.cn", "137 0013 7000", "zhao", "meter" })
        {
            Assert.Empty(Ids(await SearchAsync(supervisor, $"q={Uri.EscapeDataString(typed)}")));
        }

        var left = await AllRowsOfAsync(id);
        Assert.Contains(TableSearchIndex.TermKeyOf($"r:{id}"), left);
        // No key holds a term in the clear (keys travel in logged URLs): each is a kind and a hash.
        Assert.All(left, key => Assert.Matches("^([a-z]{1,8}:)?[0-9a-f]{64}$", key));
        Assert.DoesNotContain(left, term => term.StartsWith("w:", StringComparison.Ordinal) || term.StartsWith("e:", StringComparison.Ordinal) || term.StartsWith("p:", StringComparison.Ordinal));
        var row = Assert.Single((await SearchAsync(supervisor, $"q={ComplaintId.ToReference(id)}")).GetProperty("items").EnumerateArray());
        Assert.True(row.GetProperty("erased").GetBoolean());
    }

    [Fact]
    public async Task A_query_the_search_cannot_run_is_a_problem_naming_each_field_in_the_staff_members_language()
    {
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        var response = await agent.GetAsync("/api/portal/search?q=meter&sort=oldest&take=0&priority=P9&continuation=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["continuation", "priority", "sort", "take"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSession.Anonymous(_host).GetAsync("/api/portal/search?q=meter")).StatusCode);
    }

    private Task<string> ComplaintAsync(string key, string name, string email, string phone, string text) => ComplaintAsync(_host, key, name, email, phone, text);

    /// <summary>A web complaint in Chinese or English, once triage has indexed and Notify acknowledged it.</summary>
    internal static async Task<string> ComplaintAsync(AppHost host, string key, string name, string email, string phone, string text)
    {
        var response = await host.SubmitAsync(new { name, email, phone, text, language = text.Any(c => c > 0x3000) ? "zh-Hans" : "en" }, key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90));
        return id;
    }

    internal static async Task<JsonElement> SearchAsync(StaffSession staff, string query)
    {
        var response = await staff.GetAsync($"/api/portal/search?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("complaintId").GetString()!)];

    private TableClient Index => IndexOf(_host);

    internal static TableClient IndexOf(AppHost host) => new TableServiceClient(host.Azurite.ConnectionString).GetTableClient(host.Prefix + TableNames.SearchIndex);

    /// <summary>The term keys of a complaint's rows for <paramref name="term"/> (its shard holds them all).</summary>
    private async Task<List<string>> RowsAsync(string term, string id) =>
        [.. (await AllRowsOfAsync(id)).Where(key => key == TableSearchIndex.TermKeyOf(term))];

    /// <summary>The term keys (the RowKey before the entry key) of every row of a complaint, all in its shard.</summary>
    private async Task<List<string>> AllRowsOfAsync(string id)
    {
        var shard = TableSearchIndex.PartitionOf(TableSearchIndex.ShardOf(id));
        return await Index.QueryAsync<TableEntity>(e => e.PartitionKey == shard).Where(e => e.RowKey.EndsWith("|" + id, StringComparison.Ordinal)).Select(e => e.RowKey[..e.RowKey.IndexOf('|', StringComparison.Ordinal)]).ToListAsync();
    }
}
