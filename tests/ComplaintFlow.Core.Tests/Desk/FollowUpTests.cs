using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Tests.Deadlines;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// 回访 for every resolved complaint: a follow-up with its own deadline, done by a call or a message from the desk or
/// by the customer's survey answer; each step on the timeline.
/// </summary>
public sealed class FollowUpTests
{
    private static readonly DateTimeOffset Now = Received.AddDays(2); // Wednesday 4 March 2026, 09:30 in Beijing
    private readonly ComplaintDesk _desk = NewDesk();
    private readonly FollowUpTasks _followUps = new(new DeadlinePlanner(Rules));
    private readonly CustomerSurvey _survey = new(new PortalOptions(), new DeadlinePlanner(Rules));

    private Complaint Resolved() => _desk.Resolve(OpenComplaint(owner: Agent.Id), Agent, new ResolutionInput("Refunded the overcharge.", "our-error", null), "secret-token", Now).State;

    [Fact]
    public void Every_resolution_owes_a_follow_up_due_three_working_days_later()
    {
        var change = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "policy", null), "secret-token", Now);

        Assert.Equal([EventTypes.Resolved, EventTypes.FollowUpPlanned], change.Events.Select(e => e.Type));
        var followUp = Assert.Single(change.State.FollowUps);
        Assert.True(followUp.IsOpen);
        // Resolved Wednesday 09:30 Beijing time: due Monday 09:30 (three working days, the weekend skipped).
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 1, 30, 0, TimeSpan.Zero), followUp.DueAt);
        var clock = Assert.Single(change.State.Deadlines, d => d.Kind == DeadlineKinds.FollowUp);
        Assert.True(clock.IsOpen);
        Assert.Equal(followUp.DueAt, clock.DueAt);
        // The desk's views and the sweep find the follow-up of a resolved complaint through the index.
        Assert.Equal(DeadlineKinds.FollowUp, Assert.Single(DeadlineEntry.For(change.State)).Kind);
    }

    [Fact]
    public void A_satisfied_customer_completes_the_follow_up_on_time_and_the_complaint_stays_resolved()
    {
        var change = _followUps.Record(Resolved(), Agent, new FollowUpInput("call", "satisfied", "Happy with the refund."), Now.AddDays(1));

        Assert.Equal([EventTypes.FollowUpAttempt, EventTypes.FollowUpCompleted], change.Events.Select(e => e.Type));
        Assert.Equal("true", change.Events[1].Data["onTime"]);
        Assert.Equal(ComplaintStatus.Resolved, change.State.Status);
        var followUp = Assert.Single(change.State.FollowUps);
        Assert.Equal((FollowUpOutcomes.Satisfied, FollowUpMethods.Call, Agent.Id), (followUp.Outcome, followUp.Method, followUp.CompletedBy));
        Assert.False(change.State.Deadlines.Single(d => d.Kind == DeadlineKinds.FollowUp).IsOpen);
        Assert.Empty(DeadlineEntry.For(change.State));
    }

    [Fact]
    public void A_customer_not_satisfied_reopens_the_complaint_with_a_callback_as_a_low_survey_score_does()
    {
        var change = _followUps.Record(Resolved(), Agent, new FollowUpInput("message", "not-satisfied", null), Now.AddDays(1));

        Assert.Equal([EventTypes.FollowUpAttempt, EventTypes.FollowUpCompleted, EventTypes.Reopened], change.Events.Select(e => e.Type));
        Assert.Equal("dissatisfied-follow-up", change.Events[2].Data["reason"]);
        Assert.Equal(ComplaintStatus.Open, change.State.Status);
        Assert.Single(change.State.Deadlines, d => d.Kind == DeadlineKinds.Callback && d.IsOpen);
        Assert.Equal(FollowUpOutcomes.NotSatisfied, Assert.Single(change.State.FollowUps).Outcome);
    }

    [Fact]
    public void Three_tries_without_an_answer_close_the_complaint_as_unreachable()
    {
        var complaint = Resolved();
        var first = _followUps.Record(complaint, Agent, new FollowUpInput("call", "no-answer", null), Now.AddHours(1));
        var second = _followUps.Record(first.State, Agent, new FollowUpInput("call", "no-answer", null), Now.AddHours(5));

        Assert.Equal([EventTypes.FollowUpAttempt], second.Events.Select(e => e.Type));
        Assert.Equal("2", second.Events[0].Data["attempt"]);
        Assert.True(second.State.FollowUps[0].IsOpen);

        var third = _followUps.Record(second.State, Agent, new FollowUpInput("message", "no-answer", null), Now.AddDays(1));

        Assert.Equal([EventTypes.FollowUpAttempt, EventTypes.FollowUpCompleted, EventTypes.Closed], third.Events.Select(e => e.Type));
        Assert.Equal(ComplaintStatus.Closed, third.State.Status);
        Assert.Equal(FollowUpOutcomes.Unreachable, third.State.FollowUps[0].Outcome);
        Assert.Equal(3, third.State.FollowUps[0].Attempts.Count);
        Assert.Empty(DeadlineEntry.For(third.State));
    }

    [Fact]
    public void The_number_of_tries_comes_from_the_policy()
    {
        var rules = ShippedDeadlineData.RulesWith(p => p["followUp"]!["attempts"] = 1);
        var followUps = new FollowUpTasks(new DeadlinePlanner(rules));

        var change = followUps.Record(Resolved(), Agent, new FollowUpInput("call", "no-answer", null), Now.AddHours(1));

        Assert.Equal(ComplaintStatus.Closed, change.State.Status);
    }

    [Fact]
    public void The_survey_answer_is_the_self_service_form_of_the_same_follow_up()
    {
        var answered = _survey.Answer(Resolved(), "secret-token", 5, null, "en", Now.AddDays(1));

        Assert.Equal([EventTypes.Survey, EventTypes.FollowUpCompleted], answered.Events.Select(e => e.Type));
        var followUp = Assert.Single(answered.State.FollowUps);
        Assert.Equal((FollowUpOutcomes.Satisfied, FollowUpMethods.Survey, Actors.Customer), (followUp.Outcome, followUp.Method, followUp.CompletedBy));
        // Done: the desk has nothing left to record.
        Assert.Equal(RefusalKind.WrongState, Assert.Throws<DeskRefusal>(() => _followUps.Record(answered.State, Agent, new FollowUpInput("call", "satisfied", null), Now.AddDays(1))).Kind);
    }

    [Fact]
    public void A_low_survey_score_completes_the_follow_up_as_not_satisfied_and_still_reopens_for_a_callback()
    {
        var answered = _survey.Answer(Resolved(), "secret-token", 2, "Still wrong.", "en", Now.AddDays(1));

        Assert.Equal([EventTypes.Survey, EventTypes.FollowUpCompleted, EventTypes.Reopened], answered.Events.Select(e => e.Type));
        Assert.Equal(FollowUpOutcomes.NotSatisfied, answered.State.FollowUps[0].Outcome);
        Assert.Single(answered.State.Deadlines, d => d.Kind == DeadlineKinds.Callback && d.IsOpen);
    }

    [Fact]
    public void Reopening_before_the_follow_up_ends_it_and_the_next_resolution_owes_a_new_one()
    {
        var reopened = _desk.Reopen(Resolved(), Supervisor, "The customer called: the refund never arrived.", Now.AddHours(2)).State;

        Assert.Equal(FollowUpOutcomes.Reopened, reopened.FollowUps[0].Outcome);
        Assert.DoesNotContain(reopened.Deadlines, d => d.Kind == DeadlineKinds.FollowUp);

        var again = _desk.Resolve(reopened, Agent, new ResolutionInput("Refund sent again.", "our-error", null), "token-2", Now.AddDays(1)).State;

        Assert.Equal(2, again.FollowUps.Count);
        Assert.True(again.FollowUps[1].IsOpen);
    }

    [Theory]
    [InlineData("visit", "satisfied", "method")]
    [InlineData("call", "happy", "outcome")]
    public void A_follow_up_with_an_unknown_method_or_outcome_is_refused_naming_the_field_in_the_staff_language(string method, string outcome, string field)
    {
        var staff = Agent with { Language = "zh-Hans" };

        var refusal = Assert.Throws<DeskRefusal>(() => _followUps.Record(Resolved(), staff, new FollowUpInput(method, outcome, null), Now));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        var error = Assert.Single(refusal.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains("回访", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_complaint_has_no_follow_up_to_record()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => _followUps.Record(OpenComplaint(), Agent, new FollowUpInput("call", "satisfied", null), Now));

        Assert.Equal(RefusalKind.WrongState, refusal.Kind);
    }

    [Fact]
    public void A_follow_up_without_its_deadline_is_refused_at_start_naming_the_key()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => ShippedDeadlineData.RulesWith(p => p["followUp"]!.AsObject().Remove("within")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:followUp:within", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_tries_are_refused_at_start_naming_the_key()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => ShippedDeadlineData.RulesWith(p => p["followUp"]!["attempts"] = JsonValue.Create(0)));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:followUp:attempts", error.Message, StringComparison.Ordinal);
    }
}
