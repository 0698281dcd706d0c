using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

public sealed class WorkListsTests
{
    private readonly WorkLists _lists = new(new PortalOptions { DueSoonHorizon = TimeSpan.FromHours(8) });

    private static IEnumerable<DeadlineEntry> Index(params Complaint[] complaints) => complaints.SelectMany(DeadlineEntry.For);

    private static Complaint DueIn(string source, TimeSpan fromNow, DateTimeOffset now, string? owner = null, Priority priority = Priority.P3) =>
        OpenComplaint(source, owner: owner, priority: priority) with
        {
            Deadlines = [new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = now + fromNow }],
        };

    [Fact]
    public void Overdue_due_soon_and_later_complaints_land_in_the_right_lists()
    {
        var now = Received.AddDays(3);
        var late = DueIn("late", TimeSpan.FromMinutes(-5), now);
        var soon = DueIn("soon", TimeSpan.FromHours(2), now);
        var later = DueIn("later", TimeSpan.FromDays(2), now);
        var entries = Index(late, soon, later).ToList();

        var overdue = _lists.List(WorkListNames.Overdue, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline);
        var dueSoon = _lists.List(WorkListNames.DueSoon, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline);

        Assert.Equal([late.Id], overdue.Select(i => i.ComplaintId));
        Assert.Equal(-5, overdue[0].MinutesLeft);
        Assert.Equal([soon.Id], dueSoon.Select(i => i.ComplaintId));
    }

    [Fact]
    public void Unassigned_and_mine_follow_the_owner_and_counts_match_the_lists()
    {
        var now = Received;
        var mine = OpenComplaint("mine", owner: Agent.Id);
        var nobodys = OpenComplaint("nobody");
        var theirs = OpenComplaint("theirs", owner: OtherAgent.Id, escalation: EscalationGrade.External);
        var entries = Index(mine, nobodys, theirs).ToList();

        Assert.Equal([nobodys.Id], _lists.List(WorkListNames.Unassigned, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline).Select(i => i.ComplaintId));
        Assert.Equal([mine.Id], _lists.List(WorkListNames.Mine, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline).Select(i => i.ComplaintId));
        Assert.Equal([theirs.Id], _lists.List(WorkListNames.Escalated, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline).Select(i => i.ComplaintId));
        var counts = _lists.Counts(entries, Agent, now);
        Assert.Equal((1, 1, 1), (counts[WorkListNames.Unassigned], counts[WorkListNames.Mine], counts[WorkListNames.Escalated]));
    }

    [Fact]
    public void A_complaint_the_sweep_escalated_is_in_the_escalated_list()
    {
        var breached = OpenComplaint("breached");
        breached = breached with { Deadlines = [.. breached.Deadlines.Select(d => d.Clock == "miit" ? d with { EscalationTier = 2 } : d)] };

        var item = Assert.Single(_lists.List(WorkListNames.Escalated, Index(breached, OpenComplaint("calm")), Agent, Received, new WorkListFilter(), WorkListSort.Deadline));

        Assert.Equal((breached.Id, "tier-2"), (item.ComplaintId, item.Escalation));
    }

    [Fact]
    public void One_complaint_with_several_clocks_is_one_item_showing_its_next_deadline_and_profiles()
    {
        var complaint = OpenComplaint();

        var item = Assert.Single(_lists.Items(Index(complaint), Received));

        Assert.Equal(Received.AddDays(10), item.NextDueAt);
        Assert.Equal(["miit"], item.Profiles);
    }

    [Fact]
    public void Sorting_by_priority_puts_p1_first_and_filters_narrow_by_priority_and_profile()
    {
        var now = Received;
        var p3 = DueIn("p3", TimeSpan.FromHours(1), now, priority: Priority.P3);
        var p1 = DueIn("p1", TimeSpan.FromHours(5), now, priority: Priority.P1);
        var entries = Index(p3, p1, OpenComplaint("statutory")).ToList();

        var byPriority = _lists.List(WorkListNames.Unassigned, entries, Agent, now, new WorkListFilter(), WorkListSort.Priority);
        var byDeadline = _lists.List(WorkListNames.Unassigned, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline);
        var onlyP1 = _lists.List(WorkListNames.Unassigned, entries, Agent, now, new WorkListFilter { Priority = "p1" }, WorkListSort.Deadline);
        var miit = _lists.List(WorkListNames.Unassigned, entries, Agent, now, new WorkListFilter { Profile = "MIIT" }, WorkListSort.Deadline);

        Assert.Equal(p1.Id, byPriority[0].ComplaintId);
        Assert.Equal(p3.Id, byDeadline[0].ComplaintId);
        Assert.Equal([p1.Id], onlyP1.Select(i => i.ComplaintId));
        Assert.Single(miit);
    }

    [Fact]
    public void A_complaint_waiting_on_the_customer_is_not_overdue_on_its_paused_internal_clock()
    {
        var now = Received.AddDays(3);
        var waiting = DueIn("waiting", TimeSpan.FromHours(-1), now) with { Status = ComplaintStatus.WaitingOnCustomer };

        var entries = Index(waiting).ToList();

        Assert.Empty(_lists.List(WorkListNames.Overdue, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline));
        Assert.True(Assert.Single(_lists.List(WorkListNames.Unassigned, entries, Agent, now, new WorkListFilter(), WorkListSort.Deadline)).Paused);
    }

    [Fact]
    public void Csv_export_has_a_header_row_and_neutralises_spreadsheet_formulas()
    {
        var item = Assert.Single(_lists.Items(Index(OpenComplaint(owner: "=HYPERLINK(\"x\")")), Received));

        var csv = WorkListCsv.Write([item]).Split("\r\n");

        Assert.StartsWith("reference,status,channel,priority", csv[0], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv[1], StringComparison.Ordinal);
        Assert.StartsWith(item.Reference + ",Open,Web,P3,billing", csv[1], StringComparison.Ordinal);
    }
}
