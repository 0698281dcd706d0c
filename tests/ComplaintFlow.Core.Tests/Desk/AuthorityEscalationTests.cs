using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// Escalation by authority (超权限请示) over the in-memory adapters: an agent hands a complaint up with a reason from
/// the fixed list, it shows on the supervisors' "authority" view, and a supervisor takes it over (becoming its owner)
/// or returns it with a note; every step is on the history, and nothing refused is saved.
/// </summary>
public sealed class AuthorityEscalationTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly AuthorityEscalations _escalations;
    private readonly WorkLists _lists = new(new PortalOptions());

    public AuthorityEscalationTests()
    {
        _pipeline = new InMemoryPipeline(_time);
        _escalations = new AuthorityEscalations(_pipeline.Desk);
    }

    private async Task<string> AgentsComplaintAsync()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        Assert.Equal(DeskActionOutcome.Done, (await ActAsync(id, DeskFixtures.Agent, (c, s, now) => _pipeline.Desk.Claim(c, s, now))).Outcome);
        return id;
    }

    private async Task<DeskActionResult> ActAsync(string id, StaffMember staff, Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange> decide)
    {
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        _time.Advance(TimeSpan.FromMinutes(5));
        return await _pipeline.DeskActions.RunAsync(id, read.Version, read.Complaint.LastEventSequence.ToString(CultureInfo.InvariantCulture), staff, decide, null, CancellationToken.None);
    }

    private static Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange> Escalate(string? reason, string? note = null) =>
        (c, s, now) => AuthorityEscalations.Escalate(c, s, reason, note, now);

    private async Task<IReadOnlyList<string>> AuthorityViewAsync(StaffMember staff)
    {
        var entries = await _pipeline.Index.AllOpenAsync(CancellationToken.None).ToListAsync();
        return [.. _lists.List(WorkListNames.Authority, entries, staff, _time.GetUtcNow(), new WorkListFilter(), WorkListSort.Deadline).Select(i => i.ComplaintId)];
    }

    [Fact]
    public async Task An_agents_escalation_lands_on_the_supervisors_view_and_a_supervisor_who_takes_it_over_owns_it()
    {
        var id = await AgentsComplaintAsync();

        var escalated = await ActAsync(id, DeskFixtures.Agent, Escalate(AuthorityEscalationReasons.CompensationAboveLimit, "Customer wants 5,000 yuan."));

        Assert.Equal(DeskActionOutcome.Done, escalated.Outcome);
        Assert.Equal(AuthorityEscalationReasons.CompensationAboveLimit, escalated.Saved!.Complaint.AuthorityEscalation!.Reason);
        Assert.Equal([id], await AuthorityViewAsync(DeskFixtures.Supervisor));

        var taken = await ActAsync(id, DeskFixtures.Supervisor, (c, s, now) => _escalations.TakeOver(c, s, "Above the agent's limit: I will call the customer.", now));

        Assert.Equal(DeskActionOutcome.Done, taken.Outcome);
        Assert.Equal(DeskFixtures.Supervisor.Id, taken.Saved!.Complaint.Owner);
        Assert.Null(taken.Saved.Complaint.AuthorityEscalation);
        Assert.Empty(await AuthorityViewAsync(DeskFixtures.Supervisor));
        var history = await _pipeline.HistoryAsync(id);
        var raised = Assert.Single(history, e => e.Type == AuthorityEscalationEventTypes.Escalated);
        Assert.Equal((DeskFixtures.Agent.Id, "compensation-above-limit", "Customer wants 5,000 yuan."), (raised.Actor, raised.Data["reason"], raised.Data["note"]));
        var takeOver = Assert.Single(history, e => e.Type == AuthorityEscalationEventTypes.TakenOver);
        Assert.Equal((DeskFixtures.Supervisor.Id, "Above the agent's limit: I will call the customer.", DeskFixtures.Agent.Id), (takeOver.Actor, takeOver.Data["reason"], takeOver.Data["raisedBy"]));
        var assigned = history.Where(e => e.Type == EventTypes.Assigned).MaxBy(e => e.Sequence)!;
        Assert.Equal((DeskFixtures.Agent.Id, DeskFixtures.Supervisor.Id), (assigned.Data["from"], assigned.Data["to"]));
    }

    [Fact]
    public async Task A_supervisor_returns_it_with_a_note_and_the_agent_keeps_it_and_may_escalate_again()
    {
        var id = await AgentsComplaintAsync();
        await ActAsync(id, DeskFixtures.Agent, Escalate(AuthorityEscalationReasons.CustomerAsksForManager));

        var returned = await ActAsync(id, DeskFixtures.Supervisor, (c, s, now) => AuthorityEscalations.Return(c, s, "Offer the standard 50 yuan credit; you may.", now));

        Assert.Equal(DeskActionOutcome.Done, returned.Outcome);
        Assert.Equal(DeskFixtures.Agent.Id, returned.Saved!.Complaint.Owner);
        Assert.Null(returned.Saved.Complaint.AuthorityEscalation);
        Assert.Empty(await AuthorityViewAsync(DeskFixtures.Supervisor));
        var back = Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == AuthorityEscalationEventTypes.Returned);
        Assert.Equal(("Offer the standard 50 yuan credit; you may.", DeskFixtures.Agent.Id), (back.Data["note"], back.Data["to"]));
        Assert.Equal(DeskActionOutcome.Done, (await ActAsync(id, DeskFixtures.Agent, Escalate(AuthorityEscalationReasons.Legal))).Outcome);
    }

    [Fact]
    public async Task A_second_escalation_while_one_is_open_is_refused_as_a_conflict_naming_who_raised_it()
    {
        var id = await AgentsComplaintAsync();
        await ActAsync(id, DeskFixtures.Agent, Escalate(AuthorityEscalationReasons.BeyondAuthority));
        var writes = _pipeline.Store.Writes;

        var again = await ActAsync(id, DeskFixtures.OtherAgent, Escalate(AuthorityEscalationReasons.Legal));

        Assert.Equal(DeskActionOutcome.Refused, again.Outcome);
        Assert.Equal(RefusalKind.WrongState, again.Refusal!.Kind);
        Assert.Contains(DeskFixtures.Agent.Id, again.Refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(writes, _pipeline.Store.Writes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("because")]
    [InlineData("LEGAL")]
    public async Task A_reason_outside_the_list_is_refused_naming_the_reasons_and_nothing_is_saved(string? reason)
    {
        var id = await AgentsComplaintAsync();
        var writes = _pipeline.Store.Writes;

        var result = await ActAsync(id, DeskFixtures.Agent, Escalate(reason));

        Assert.Equal(RefusalKind.Invalid, result.Refusal!.Kind);
        var error = Assert.Single(result.Refusal.Errors);
        Assert.Equal("reason", error.Field);
        Assert.Contains("beyond-authority, compensation-above-limit, customer-asks-for-manager, legal, threat-of-violence", error.Message, StringComparison.Ordinal);
        Assert.Equal(writes, _pipeline.Store.Writes);
    }

    [Fact]
    public async Task An_agent_cannot_take_over_or_return_and_a_supervisor_must_give_a_reason()
    {
        var id = await AgentsComplaintAsync();
        await ActAsync(id, DeskFixtures.Agent, Escalate(AuthorityEscalationReasons.Legal));

        var agentTakes = await ActAsync(id, DeskFixtures.OtherAgent, (c, s, now) => _escalations.TakeOver(c, s, "I know the law.", now));
        var agentReturns = await ActAsync(id, DeskFixtures.OtherAgent, (c, s, now) => AuthorityEscalations.Return(c, s, "Fine.", now));
        var noReason = await ActAsync(id, DeskFixtures.Supervisor, (c, s, now) => _escalations.TakeOver(c, s, "  ", now));

        Assert.Equal(RefusalKind.Forbidden, agentTakes.Refusal!.Kind);
        Assert.Equal(RefusalKind.Forbidden, agentReturns.Refusal!.Kind);
        Assert.Equal(("reason", RefusalKind.Invalid), (noReason.Refusal!.Errors[0].Field, noReason.Refusal.Kind));
        Assert.Equal([id], await AuthorityViewAsync(DeskFixtures.Supervisor));
    }

    [Fact]
    public async Task Nothing_to_take_over_is_a_conflict_and_the_refusal_speaks_the_supervisors_language()
    {
        var id = await AgentsComplaintAsync();
        var chinese = DeskFixtures.Supervisor with { Language = SupportedLanguages.SimplifiedChinese };

        var result = await ActAsync(id, chinese, (c, s, now) => _escalations.TakeOver(c, s, "接手", now));

        Assert.Equal(RefusalKind.WrongState, result.Refusal!.Kind);
        Assert.Equal("该投诉没有待处理的请示，无法接手或退回。", result.Refusal.Errors[0].Message);
    }
}
