using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

public sealed class ComplaintDeskTests
{
    private static readonly DateTimeOffset Now = Received.AddDays(2);
    private readonly ComplaintDesk _desk = NewDesk();

    [Fact]
    public void Claiming_an_unowned_complaint_makes_the_agent_its_owner_and_the_history_says_from_whom()
    {
        var change = _desk.Claim(OpenComplaint(), Agent, Now);

        Assert.Equal(Agent.Id, change.State.Owner);
        var assigned = Assert.Single(change.Events);
        Assert.Equal(EventTypes.Assigned, assigned.Type);
        Assert.Equal(Agent.Id, assigned.Actor);
        Assert.Equal(string.Empty, assigned.Data["from"]);
        Assert.Equal(Agent.Id, assigned.Data["to"]);
        Assert.Equal(3, assigned.Sequence);
    }

    [Fact]
    public void An_agent_cannot_take_a_complaint_someone_else_owns()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Claim(OpenComplaint(owner: OtherAgent.Id), Agent, Now));

        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
        Assert.Contains(OtherAgent.Id, Assert.Single(refusal.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_cannot_assign_an_unowned_complaint_to_someone_else()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Assign(OpenComplaint(), Agent, OtherAgent.Id, Now));

        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
    }

    [Fact]
    public void A_supervisor_reassigns_and_the_history_keeps_the_previous_owner()
    {
        var change = _desk.Assign(OpenComplaint(owner: OtherAgent.Id), Supervisor, Agent.Id, Now);

        Assert.Equal(Agent.Id, change.State.Owner);
        Assert.Equal(OtherAgent.Id, change.Events[0].Data["from"]);
        Assert.Equal(Supervisor.Id, change.Events[0].Actor);
    }

    [Fact]
    public void An_empty_note_is_refused_naming_the_field_in_the_staff_members_language()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _desk.AddNote(OpenComplaint(), Agent with { Language = "zh-Hans" }, "   ", Now));

        var error = Assert.Single(refusal.Errors);
        Assert.Equal("text", error.Field);
        Assert.Equal("此项为必填。", error.Message);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_the_internal_clock_and_resuming_moves_it_on_by_the_wait()
    {
        var waiting = _desk.WaitOnCustomer(OpenComplaint(), Agent, "asked for the bill", Now).State;
        var resumed = _desk.Resume(waiting, Agent, Now.AddHours(30));

        Assert.Equal(ComplaintStatus.WaitingOnCustomer, waiting.Status);
        Assert.Equal(ComplaintStatus.Open, resumed.State.Status);
        Assert.Equal([EventTypes.Resumed], resumed.Events.Select(e => e.Type));
        Assert.Contains("+30 h", resumed.Events[0].Data["internal:resolve"], StringComparison.Ordinal);
        var internalResolve = resumed.State.Deadlines.Single(d => d.Kind == DeadlineKinds.Resolve && d.Clock == DeadlineKinds.InternalClock);
        Assert.Equal(Received.AddDays(10).AddHours(30), internalResolve.DueAt);
        var statutory = resumed.State.Deadlines.Single(d => d.Clock == "miit");
        Assert.Equal(Received.AddDays(15), statutory.DueAt);
    }

    [Fact]
    public void Resuming_a_complaint_that_is_not_waiting_is_a_state_conflict()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Resume(OpenComplaint(), Agent, Now));

        Assert.Equal(RefusalKind.WrongState, refusal.Kind);
    }

    [Fact]
    public void Resolving_records_the_resolution_meets_every_open_clock_and_asks_for_the_email_and_not_yet_the_survey()
    {
        var change = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("We refunded the double charge.", "our-error", "Fixed the billing rule."), "tok", Now);

        var state = change.State;
        Assert.Equal(ComplaintStatus.Resolved, state.Status);
        Assert.Equal("We refunded the double charge.", state.Resolution!.Text);
        Assert.Equal(Agent.Id, state.Resolution.ResolvedBy);
        // Every clock is met; the follow-up (回访) the resolution owes starts running.
        Assert.All(state.Deadlines.Where(d => d.Kind != DeadlineKinds.FollowUp), d => Assert.NotNull(d.MetAt));
        Assert.True(state.Deadlines.Single(d => d.Kind == DeadlineKinds.FollowUp).IsOpen);
        Assert.Equal(
            [(NotificationKind.Resolution, NotificationChannel.Email)],
            state.Notifications.Select(n => (n.Kind, n.Channel)));
        Assert.Equal([EventTypes.Resolved, EventTypes.FollowUpPlanned], change.Events.Select(e => e.Type));
        Assert.Equal("our-error", change.Events[0].Data["rootCause"]);
    }

    [Fact]
    public void A_customer_who_complained_by_sms_gets_an_sms_pointer_as_well_as_the_email()
    {
        var complaint = OpenComplaint(channel: Channel.Sms, phone: "+8613800138000");

        var state = _desk.Resolve(complaint, Agent, new ResolutionInput("Refunded.", "policy", null), "tok", Now).State;

        Assert.Contains(state.Notifications, n => n is { Kind: NotificationKind.Resolution, Channel: NotificationChannel.Sms });
        Assert.Contains(state.Notifications, n => n is { Kind: NotificationKind.Resolution, Channel: NotificationChannel.Email });
    }

    [Fact]
    public void Resolving_without_text_or_with_an_unknown_root_cause_names_both_fields()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("", "bad-luck", null), "tok", Now));

        Assert.Equal(["resolution", "rootCause"], refusal.Errors.Select(e => e.Field));
        Assert.Contains("our-error", refusal.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_root_cause_taxonomy_comes_from_configuration()
    {
        var desk = NewDesk(new PortalOptions { RootCauses = ["network", "billing-system"] });

        var state = desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Fixed.", "network", null), "tok", Now).State;
        Assert.Equal("network", state.Resolution!.RootCause);
        Assert.Throws<DeskRefusal>(() => desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Fixed.", "our-error", null), "tok", Now));
    }

    [Fact]
    public void A_resolved_complaint_is_reopened_and_its_resolve_clocks_run_again()
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "unfounded", null), "tok", Now).State;

        var reopened = _desk.Reopen(resolved, Supervisor, "customer rang back", Now.AddDays(1)).State;

        Assert.Equal(ComplaintStatus.Open, reopened.Status);
        Assert.All(reopened.Deadlines.Where(d => d.Kind == DeadlineKinds.Resolve), d => Assert.Null(d.MetAt));
        Assert.NotNull(reopened.Deadlines.Single(d => d.Kind == DeadlineKinds.Acknowledge).MetAt);
        Assert.Throws<DeskRefusal>(() => _desk.AddNote(reopened, Agent, new string('x', 9_000), Now));
    }

    [Fact]
    public void Acting_on_a_resolved_complaint_asks_to_reopen_it_first()
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "unfounded", null), "tok", Now).State;

        var refusal = Assert.Throws<DeskRefusal>(() => _desk.WaitOnCustomer(resolved, Agent, null, Now));

        Assert.Equal(RefusalKind.WrongState, refusal.Kind);
    }

    [Theory]
    [InlineData(null, "CNY", "amount")]
    [InlineData(-5.0, "CNY", "amount")]
    [InlineData(10.005, "CNY", "amount")]
    [InlineData(10.0, "yuan", "currency")]
    public void Compensation_needs_a_positive_amount_and_an_iso_currency(double? amount, string currency, string field)
    {
        var input = new CompensationInput((decimal?)amount, currency, "late refund", Accepted: false);

        var refusal = Assert.Throws<DeskRefusal>(() => _desk.RecordCompensation(OpenComplaint(), Agent, input, Now));

        Assert.Equal(field, Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public void Compensation_offered_and_accepted_is_kept_with_amount_currency_and_reason()
    {
        var state = _desk.RecordCompensation(OpenComplaint(), Agent, new CompensationInput(50.5m, "cny", "two days without service", Accepted: true), Now);

        var compensation = Assert.Single(state.State.Compensations);
        Assert.Equal((50.5m, "CNY", true), (compensation.Amount, compensation.Currency, compensation.Accepted));
        Assert.Equal("50.50", state.Events[0].Data["amount"]);
    }
}
