using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The desk's teams (<see cref="TeamDirectory"/>): a complaint is handed to a team, a person, or a person in a team;
/// a team nobody configured is refused; team members are known staff; each team has a view and a queue.
/// </summary>
public sealed class TeamsTests
{
    private static readonly DateTimeOffset Now = Received.AddDays(2);

    private static PortalOptions WithTeams() => new()
    {
        Teams =
        {
            ["billing"] = new TeamOptions { Name = "Billing", Members = [Agent.Id, "lee@desk.example"] },
            ["outages"] = new TeamOptions { Name = "停电组", Members = [OtherAgent.Id] },
        },
    };

    private readonly ComplaintDesk _desk = NewDesk(WithTeams());

    [Fact]
    public void Handed_to_a_team_it_waits_unowned_in_the_teams_queue_and_the_history_says_from_whom_and_where()
    {
        var change = _desk.Assign(OpenComplaint(owner: OtherAgent.Id), Supervisor, assignee: null, team: "Billing", Now);

        Assert.Null(change.State.Owner);
        Assert.Equal("billing", change.State.Team);
        var assigned = Assert.Single(change.Events);
        Assert.Equal(EventTypes.Assigned, assigned.Type);
        Assert.Equal(OtherAgent.Id, assigned.Data["from"]);
        Assert.Equal(string.Empty, assigned.Data["to"]);
        Assert.Equal(string.Empty, assigned.Data["fromTeam"]);
        Assert.Equal("billing", assigned.Data["team"]);
    }

    [Fact]
    public void An_owner_who_is_a_member_keeps_the_complaint_when_it_is_handed_to_their_team()
    {
        var change = _desk.Assign(OpenComplaint(owner: Agent.Id), Agent, assignee: null, team: "billing", Now);

        Assert.Equal(Agent.Id, change.State.Owner);
        Assert.Equal("billing", change.State.Team);
    }

    [Fact]
    public void A_team_nobody_configured_is_refused_in_the_staff_members_language_and_nothing_changes()
    {
        var complaint = OpenComplaint();

        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Assign(complaint, Supervisor with { Language = "zh-Hans" }, null, "bilings", Now));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        var error = Assert.Single(refusal.Errors);
        Assert.Equal("team", error.Field);
        Assert.Equal("处理台没有名为“bilings”的小组，请从列表中选择。", error.Message);
        Assert.Null(complaint.Team);
    }

    [Fact]
    public void A_person_given_with_a_team_must_be_one_of_its_members()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Assign(OpenComplaint(), Supervisor, OtherAgent.Id, "billing", Now));

        var error = Assert.Single(refusal.Errors);
        Assert.Equal("assignee", error.Field);
        Assert.Contains("Billing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_to_a_person_it_moves_to_their_only_team_and_stays_in_a_team_they_belong_to()
    {
        var toBo = _desk.Assign(OpenComplaint() with { Team = "billing" }, Supervisor, OtherAgent.Id, null, Now);
        Assert.Equal("outages", toBo.State.Team);
        Assert.Equal("billing", toBo.Events[0].Data["fromTeam"]);

        var toLee = _desk.Assign(OpenComplaint() with { Team = "billing" }, Supervisor, "lee@desk.example", null, Now);
        Assert.Equal("billing", toLee.State.Team);

        // Someone in no team: the complaint stays where it was.
        var toSam = _desk.Assign(OpenComplaint() with { Team = "billing" }, Supervisor, Supervisor.Id, null, Now);
        Assert.Equal("billing", toSam.State.Team);
    }

    [Fact]
    public void An_agent_hands_their_own_complaint_to_a_team_but_not_a_colleagues()
    {
        var mine = _desk.Assign(OpenComplaint(owner: OtherAgent.Id), OtherAgent, null, "billing", Now);
        Assert.Null(mine.State.Owner);
        Assert.Equal("billing", mine.State.Team);

        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Assign(OpenComplaint(owner: OtherAgent.Id), Agent, null, "billing", Now));
        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
    }

    [Fact]
    public void Claiming_from_the_teams_queue_keeps_the_team()
    {
        var change = _desk.Claim(OpenComplaint() with { Team = "billing" }, Agent, Now);

        Assert.Equal(Agent.Id, change.State.Owner);
        Assert.Equal("billing", change.State.Team);
    }

    [Fact]
    public void Wrong_team_settings_are_named_by_key()
    {
        var options = new PortalOptions
        {
            Teams =
            {
                ["bad id!"] = new TeamOptions { Members = ["a@desk.example"] },
                ["empty"] = new TeamOptions(),
                ["blank"] = new TeamOptions { Members = [" "] },
            },
        };

        var problems = TeamDirectory.Problems(options);

        Assert.Contains(problems, p => p.StartsWith("ComplaintFlow:Portal:Teams:bad id!:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ComplaintFlow:Portal:Teams:empty:Members", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ComplaintFlow:Portal:Teams:blank:Members:0", StringComparison.Ordinal));
        Assert.Empty(TeamDirectory.Problems(WithTeams()));
    }

    [Fact]
    public async Task Team_members_are_known_staff_before_they_ever_sign_in()
    {
        var directory = new StaffDirectory(new InMemoryStaffStore(), WithTeams());

        var lee = await directory.FindAsync("LEE@desk.example", CancellationToken.None);

        Assert.NotNull(lee);
        Assert.Equal("lee@desk.example", lee.Id);
        Assert.True(lee.Listed);
        Assert.Contains(await directory.AllAsync(CancellationToken.None), s => s.Id == OtherAgent.Id);
        Assert.Null(await directory.FindAsync("nobody@desk.example", CancellationToken.None));
    }

    [Fact]
    public async Task Each_team_has_a_view_of_its_open_complaints_and_a_queue_of_those_nobody_took_and_both_follow_every_change()
    {
        var time = new FakeTimeProvider(Received);
        var pipeline = new InMemoryPipeline(time);
        var search = new ComplaintSearch(pipeline.Search, pipeline.Complaints, new WorkLists(WithTeams()));
        var ids = new List<string>();
        foreach (var key in new[] { "t1", "t2", "t3" })
        {
            time.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await pipeline.SubmitAsync(key, $"Complaint {key}.", "li@example.com", null, "en")).Complaint.Id);
        }

        await AssignAsync(pipeline, ids[0], null, "billing");
        await AssignAsync(pipeline, ids[1], "lee@desk.example", "billing");
        await AssignAsync(pipeline, ids[2], null, "outages");

        async Task<IReadOnlyList<string>> FindAsync(SearchQuery query)
        {
            var errors = new List<ValidationError>();
            var terms = query.Terms("CN", SupportedLanguages.English, errors);
            Assert.Empty(errors);
            return [.. (await search.SearchAsync(terms, ComplaintSearch.DefaultTake, null, time.GetUtcNow(), CancellationToken.None)).Rows.Select(r => r.ComplaintId)];
        }

        Assert.Equal([ids[1], ids[0]], await FindAsync(new SearchQuery { Status = SearchStatus.Open, Team = "billing" }));
        Assert.Equal([ids[0]], await FindAsync(new SearchQuery { Status = SearchStatus.Open, Team = "billing", Unassigned = true }));

        // Moved to the other team: it leaves billing's view (the index rows go, not only the row shown).
        await AssignAsync(pipeline, ids[0], null, "outages");
        Assert.Equal([ids[1]], await FindAsync(new SearchQuery { Status = SearchStatus.Open, Team = "billing" }));
        Assert.Equal([ids[2], ids[0]], await FindAsync(new SearchQuery { Status = SearchStatus.Open, Team = "Outages", Unassigned = true }));
        Assert.DoesNotContain(pipeline.Search.Rows(), r => r.Term == SearchTerms.Team("billing") && r.ComplaintId == ids[0]);
    }

    [Fact]
    public async Task A_work_list_row_carries_the_subject_customer_age_and_team_read_from_the_complaint()
    {
        var time = new FakeTimeProvider(Received);
        var pipeline = new InMemoryPipeline(time);
        var lists = new WorkLists(WithTeams());
        var search = new ComplaintSearch(pipeline.Search, pipeline.Complaints, lists);
        var id = (await pipeline.SubmitAsync("w1", "My bill doubled this month.\nPlease call me.", "li@example.com", null, "en")).Complaint.Id;
        await pipeline.RunTriageAsync();
        await AssignAsync(pipeline, id, null, "billing");
        time.Advance(TimeSpan.FromMinutes(90));
        var now = time.GetUtcNow();
        var items = lists.List(WorkListNames.Unassigned, await pipeline.Index.AllOpenAsync(CancellationToken.None).ToListAsync(), Supervisor, now, new WorkListFilter(), WorkListSort.Deadline);

        var row = Assert.Single(await search.SummariseAsync(items, now, CancellationToken.None));

        Assert.NotNull(row.Summary);
        Assert.Equal("My bill doubled this month.", row.Summary.Subject);
        Assert.Equal("Li Lei", row.Summary.Customer);
        Assert.Equal("billing", row.Summary.Team);
        Assert.True(row.Summary.AgeMinutes >= 90);
        Assert.Equal(row.NextDueAt, items[0].NextDueAt);
    }

    private async Task AssignAsync(InMemoryPipeline pipeline, string id, string? assignee, string? team)
    {
        var read = await pipeline.Complaints.FindAsync(id, CancellationToken.None);
        await pipeline.Complaints.SaveAsync(_desk.Assign(read!.Complaint, Supervisor, assignee, team, pipeline.Time.GetUtcNow()), read.Version, CancellationToken.None);
    }
}
