using Azure.Data.Tables;
using ComplaintFlow.Azure.Desk;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Storage;

/// <summary>Table <c>Incidents</c> on Azurite: incidents under their ETag, listed in one partition, and the index of links.</summary>
public sealed class IncidentStoreTests
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    private static async Task<TableIncidentStore> NewStoreAsync()
    {
        var service = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString);
        return new TableIncidentStore(service.GetTableClient(Names.UniqueTable("Incidents")));
    }

    private static Incident NewIncident(string id, DateTimeOffset openedAt) => new()
    {
        Id = id,
        Area = new IncidentArea { Key = "kowloon-tong", Names = new Dictionary<string, string> { ["en"] = "Kowloon Tong", ["zh-Hans"] = "九龙塘" } },
        Category = "outage",
        StartsAt = openedAt,
        Description = new Dictionary<string, string> { ["en"] = "Cable fault.", ["zh-Hans"] = "电缆故障。" },
        OpenedBy = "sam@desk.example",
        OpenedAt = openedAt,
    };

    [Fact]
    public async Task An_incident_is_created_once_read_back_whole_and_listed_newest_first()
    {
        var store = await NewStoreAsync();
        Assert.True(await store.TryCreateAsync(NewIncident("inc-1", Opened), CancellationToken.None));
        Assert.False(await store.TryCreateAsync(NewIncident("inc-1", Opened.AddHours(1)), CancellationToken.None));
        Assert.True(await store.TryCreateAsync(NewIncident("inc-2", Opened.AddHours(2)), CancellationToken.None));

        var found = await store.FindAsync("inc-1", CancellationToken.None);
        Assert.Equal("九龙塘", found!.Incident.Area.Names["zh-Hans"]);
        Assert.Equal(Opened, found.Incident.OpenedAt);
        Assert.Equal(["inc-2", "inc-1"], (await store.ListAsync(CancellationToken.None)).Select(i => i.Id));
        Assert.Null(await store.FindAsync("no-such", CancellationToken.None));
        Assert.Null(await store.FindAsync("bad/key#", CancellationToken.None));
    }

    [Fact]
    public async Task A_save_against_an_old_version_is_refused_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.TryCreateAsync(NewIncident("inc-3", Opened), CancellationToken.None);
        var read = (await store.FindAsync("inc-3", CancellationToken.None))!;
        var update = new IncidentUpdate { Id = "u1", At = Opened, By = "sam", Text = new Dictionary<string, string> { ["en"] = "Back by 2pm." } };
        var saved = await store.SaveAsync(read.Incident with { Updates = [update] }, read.Version, CancellationToken.None);
        Assert.NotEqual(read.Version, saved.Version);

        await Assert.ThrowsAsync<IncidentConflictException>(() => store.SaveAsync(read.Incident with { Status = IncidentStatus.Resolved }, read.Version, CancellationToken.None));
        var now = (await store.FindAsync("inc-3", CancellationToken.None))!;
        Assert.Equal(IncidentStatus.Open, now.Incident.Status);
        Assert.Equal("Back by 2pm.", Assert.Single(now.Incident.Updates).Text["en"]);
    }

    [Fact]
    public async Task The_index_of_links_is_per_incident_and_safe_to_write_twice_or_remove_twice()
    {
        var store = await NewStoreAsync();
        await store.IndexLinkAsync("inc-4", new IncidentLink("c1", Opened), CancellationToken.None);
        await store.IndexLinkAsync("inc-4", new IncidentLink("c1", Opened), CancellationToken.None);
        await store.IndexLinkAsync("inc-4", new IncidentLink("c2", Opened.AddMinutes(5)), CancellationToken.None);
        await store.IndexLinkAsync("inc-5", new IncidentLink("c3", Opened), CancellationToken.None);

        Assert.Equal([("c1", Opened), ("c2", Opened.AddMinutes(5))], (await store.LinksAsync("inc-4", CancellationToken.None)).Select(l => (l.ComplaintId, l.ReceivedAt)));
        await store.RemoveLinkAsync("inc-4", "c1", CancellationToken.None);
        await store.RemoveLinkAsync("inc-4", "c1", CancellationToken.None);
        Assert.Equal(["c2"], (await store.LinksAsync("inc-4", CancellationToken.None)).Select(l => l.ComplaintId));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }
}
