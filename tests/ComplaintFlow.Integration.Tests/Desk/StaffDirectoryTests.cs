using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// The desk's staff directory on the real app and Azurite (table <c>Staff</c>): staff are known once they sign in, or
/// when listed in settings; "Assign to" takes only them, and a typo is refused without changing anything.
/// </summary>
public sealed class StaffDirectoryTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "Development",
        ["ComplaintFlow:Portal:Staff:0"] = "lee@desk.example",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Staff_who_signed_in_or_are_listed_can_be_assigned_and_an_unknown_name_is_refused_with_nothing_written()
    {
        var complaint = await SeededComplaints.OpenAsync(_host, "directory-1", DateTimeOffset.UtcNow.AddDays(4));
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "agent", "supervisor");
        using var amy = await StaffSession.SignInAsync(_host, "Amy@Desk.Example", "agent");

        var staff = (await (await sam.GetAsync("/api/portal/staff")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("staff")
            .EnumerateArray().Select(s => (Id: s.GetProperty("id").GetString(), Listed: s.GetProperty("listed").GetBoolean())).ToList();
        Assert.Contains(("Amy@Desk.Example", false), staff);
        Assert.Contains(("sam@desk.example", false), staff);
        Assert.Contains(("lee@desk.example", true), staff);

        // A typo: 400 problem+json naming the field; the complaint keeps no owner and its history no assignment.
        var typo = await sam.ActAsync(complaint.Id, "assign", new { assignee = "amy@desk.exmaple" });
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        var problem = await typo.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("amy@desk.exmaple", problem.GetProperty("errors").GetProperty("assignee")[0].GetString(), StringComparison.Ordinal);
        var unchanged = (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint;
        Assert.Null(unchanged.Owner);
        Assert.DoesNotContain(await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None), e => e.Type == EventTypes.Assigned);

        // Someone who signed in (ids compare without case), and someone listed in settings who never has.
        Assert.Equal(HttpStatusCode.OK, (await sam.ActAsync(complaint.Id, "assign", new { assignee = "amy@desk.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.ActAsync(complaint.Id, "assign", new { assignee = "lee@desk.example" })).StatusCode);
        Assert.Equal("lee@desk.example", (await _host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint.Owner);
    }
}
