using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The four-eyes rule on compensation: within their own limit (per role and currency, from settings) an agent's
/// compensation is redress at once; above it, it waits for a supervisor other than the recorder; nothing above the
/// ceiling is recorded at all; and only granted compensation is told to the customer or counted on the dashboard.
/// </summary>
public sealed class CompensationApprovalTests
{
    private static readonly DateTimeOffset Now = Received.AddDays(2);
    private static readonly StaffMember OtherSupervisor = new("kim@desk.example", "Kim", IsSupervisor: true);

    private static readonly PortalOptions Limits = new()
    {
        CompensationLimits = new(StringComparer.OrdinalIgnoreCase)
        {
            ["agent"] = new() { ["GBP"] = 200m, ["CNY"] = 1_000m },
            ["supervisor"] = new() { ["GBP"] = 1_000m },
        },
        CompensationCeilings = new(StringComparer.OrdinalIgnoreCase) { ["GBP"] = 5_000m, ["CNY"] = 50_000m },
    };

    private readonly ComplaintDesk _desk = NewDesk(Limits);

    private Complaint Record(Complaint complaint, StaffMember staff, decimal amount, string currency = "GBP", bool accepted = true) =>
        _desk.RecordCompensation(complaint, staff, new CompensationInput(amount, currency, "two days without broadband", accepted), Now).State;

    [Fact]
    public void Within_an_agents_limit_compensation_needs_no_approval_and_is_redress_at_once()
    {
        var change = _desk.RecordCompensation(OpenComplaint(), Agent, new CompensationInput(200m, "gbp", "outage", Accepted: true), Now);

        Assert.Equal(CompensationApproval.NotNeeded, Assert.Single(change.State.Compensations).Approval);
        var recorded = Assert.Single(change.Events);
        Assert.Equal(("not-needed", "1", "200.00"), (recorded.Data["approval"], recorded.Data["number"], recorded.Data["limit"]));
        Assert.Equal(new Redress("GBP", 200m, 200m, 1), Assert.Single(DeskStatistics.Compute([change.State], Received, Now.AddTicks(1), Now, withStaff: false).Redress));
    }

    [Fact]
    public void Above_an_agents_limit_compensation_awaits_approval_and_is_neither_counted_nor_told_to_the_customer()
    {
        var awaiting = Record(OpenComplaint(), Agent, 250m);

        var compensation = Assert.Single(awaiting.Compensations);
        Assert.Equal(CompensationApproval.Awaiting, compensation.Approval);
        Assert.Empty(DeskStatistics.Compute([awaiting], Received, Now.AddTicks(1), Now, withStaff: false).Redress);
        var email = new Notification { Id = "n1", Kind = NotificationKind.Resolution, Channel = NotificationChannel.Email, RequestedAt = Now };
        Assert.Null(ResolutionNotice.Model(awaiting, email, new PublicSite("https://complaints.example.com"))["compensation"]);
    }

    [Fact]
    public void Limits_are_per_currency_so_an_amount_within_one_currencys_limit_can_still_need_approval_in_another()
    {
        Assert.Equal(CompensationApproval.NotNeeded, Record(OpenComplaint(), Agent, 900m, "CNY").Compensations[0].Approval);
        Assert.Equal(CompensationApproval.Awaiting, Record(OpenComplaint(), Agent, 900m, "GBP").Compensations[0].Approval);
    }

    [Fact]
    public void A_supervisor_records_up_to_the_supervisor_limit_alone_and_a_role_without_a_limit_in_a_currency_records_nothing_alone()
    {
        Assert.Equal(CompensationApproval.NotNeeded, Record(OpenComplaint(), Supervisor, 1_000m).Compensations[0].Approval);
        Assert.Equal(CompensationApproval.Awaiting, Record(OpenComplaint(), Supervisor, 1_000.01m).Compensations[0].Approval);

        // No supervisor limit in CNY: the supervisor has the agent's.
        Assert.Equal(CompensationApproval.Awaiting, Record(OpenComplaint(), Supervisor, 1_000.01m, "CNY").Compensations[0].Approval);
    }

    [Theory]
    [InlineData(99_999_999, "GBP", "amount", "At most GBP 5000")]
    [InlineData(5_000.01, "GBP", "amount", "At most GBP 5000")]
    [InlineData(10, "JPY", "currency", "does not offer compensation in JPY; it offers CNY, GBP")]
    public void An_absurd_amount_or_a_currency_without_limits_is_refused_whoever_records_it(double amount, string currency, string field, string message)
    {
        var refusal = Assert.Throws<DeskRefusal>(() => Record(OpenComplaint(), Supervisor, (decimal)amount, currency));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        var error = Assert.Single(refusal.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supervisor_approves_and_the_compensation_becomes_redress_with_an_event_saying_who()
    {
        var awaiting = Record(OpenComplaint(), Agent, 250m);

        var change = CompensationApprovals.Approve(awaiting, Supervisor, 1, Now.AddHours(1));

        var approved = Assert.Single(change.State.Compensations);
        Assert.Equal((CompensationApproval.Approved, Supervisor.Id, Now.AddHours(1)), (approved.Approval, approved.DecidedBy, approved.DecidedAt));
        var decided = Assert.Single(change.Events);
        Assert.Equal((CompensationEventTypes.Approved, Supervisor.Id), (decided.Type, decided.Actor));
        Assert.Equal(("1", "250.00", "GBP", Agent.Id), (decided.Data["number"], decided.Data["amount"], decided.Data["currency"], decided.Data["recordedBy"]));
        Assert.Equal(new Redress("GBP", 250m, 250m, 1), Assert.Single(DeskStatistics.Compute([change.State], Received, Now.AddDays(1), Now, withStaff: false).Redress));
        var email = new Notification { Id = "n1", Kind = NotificationKind.Resolution, Channel = NotificationChannel.Email, RequestedAt = Now };
        Assert.Equal("GBP 250.00", ResolutionNotice.Model(change.State, email, new PublicSite("https://complaints.example.com"))["compensation"]);
    }

    [Fact]
    public void Nobody_approves_their_own_compensation_not_even_a_supervisor_above_their_own_limit()
    {
        var awaiting = Record(OpenComplaint(), Supervisor, 3_000m);

        var refusal = Assert.Throws<DeskRefusal>(() => CompensationApprovals.Approve(awaiting, Supervisor with { Id = "SAM@desk.example" }, 1, Now));

        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
        Assert.Contains("another supervisor", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(CompensationApproval.Approved, CompensationApprovals.Approve(awaiting, OtherSupervisor, 1, Now).State.Compensations[0].Approval);
    }

    [Fact]
    public void An_agent_cannot_approve_or_reject_and_is_told_so_in_their_language()
    {
        var awaiting = Record(OpenComplaint(), OtherAgent, 250m);

        var approve = Assert.Throws<DeskRefusal>(() => CompensationApprovals.Approve(awaiting, Agent with { Language = SupportedLanguages.SimplifiedChinese }, 1, Now));
        var reject = Assert.Throws<DeskRefusal>(() => CompensationApprovals.Reject(awaiting, Agent, 1, "too much", Now));

        Assert.Equal((RefusalKind.Forbidden, "只有主管可以批准或驳回补偿。"), (approve.Kind, approve.Errors[0].Message));
        Assert.Equal(RefusalKind.Forbidden, reject.Kind);
    }

    [Fact]
    public void A_rejection_needs_a_reason_is_recorded_with_it_and_is_never_redress()
    {
        var awaiting = Record(OpenComplaint(), Agent, 250m);

        var noReason = Assert.Throws<DeskRefusal>(() => CompensationApprovals.Reject(awaiting, Supervisor, 1, "  ", Now));
        var change = CompensationApprovals.Reject(awaiting, Supervisor, 1, "Goodwill is capped at GBP 200 for a two-day outage.", Now);

        Assert.Equal(("reason", RefusalKind.Invalid), (Assert.Single(noReason.Errors).Field, noReason.Kind));
        var rejected = Assert.Single(change.State.Compensations);
        Assert.Equal((CompensationApproval.Rejected, "Goodwill is capped at GBP 200 for a two-day outage."), (rejected.Approval, rejected.DecisionReason));
        Assert.Equal(CompensationEventTypes.Rejected, change.Events[0].Type);
        Assert.Equal("Goodwill is capped at GBP 200 for a two-day outage.", change.Events[0].Data["reason"]);
        Assert.Empty(DeskStatistics.Compute([change.State], Received, Now.AddTicks(1), Now, withStaff: false).Redress);
    }

    [Fact]
    public void A_decision_is_final_and_only_compensation_awaiting_approval_can_be_decided()
    {
        var complaint = Record(Record(OpenComplaint(), Agent, 50m), Agent, 250m);
        var rejected = CompensationApprovals.Reject(complaint, Supervisor, 2, "no", Now).State;

        Assert.Equal(RefusalKind.WrongState, Assert.Throws<DeskRefusal>(() => CompensationApprovals.Approve(rejected, Supervisor, 2, Now)).Kind);
        Assert.Contains("it is rejected", Assert.Throws<DeskRefusal>(() => CompensationApprovals.Approve(rejected, Supervisor, 2, Now)).Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(RefusalKind.WrongState, Assert.Throws<DeskRefusal>(() => CompensationApprovals.Approve(rejected, Supervisor, 1, Now)).Kind);
        Assert.Equal("number", Assert.Throws<DeskRefusal>(() => CompensationApprovals.Approve(rejected, Supervisor, 3, Now)).Errors[0].Field);
    }

    [Fact]
    public void A_complaint_with_compensation_awaiting_approval_cannot_be_resolved_until_it_is_decided()
    {
        var awaiting = Record(OpenComplaint(), Agent, 250m);
        var resolution = new ResolutionInput("We credited your account.", "our-error", null);

        var refusal = Assert.Throws<DeskRefusal>(() => _desk.Resolve(awaiting, Agent, resolution, "tok", Now));
        var approved = CompensationApprovals.Approve(awaiting, Supervisor, 1, Now).State;

        Assert.Equal(RefusalKind.WrongState, refusal.Kind);
        Assert.Equal(ComplaintStatus.Resolved, _desk.Resolve(approved, Agent, resolution, "tok", Now).State.Status);
    }

    [Fact]
    public void Without_settings_the_default_limits_apply_and_are_themselves_valid()
    {
        var desk = NewDesk(new PortalOptions());

        var change = desk.RecordCompensation(OpenComplaint(), Agent, new CompensationInput(201m, "GBP", "outage", Accepted: true), Now);

        Assert.Equal(CompensationApproval.Awaiting, change.State.Compensations[0].Approval);
        Assert.Empty(CompensationLimits.Problems(new PortalOptions()));
        Assert.Empty(CompensationLimits.Problems(Limits));
    }

    [Fact]
    public void Wrong_limits_are_reported_at_start_naming_each_key()
    {
        var options = new PortalOptions
        {
            CompensationLimits = new(StringComparer.OrdinalIgnoreCase)
            {
                ["manager"] = new() { ["GBP"] = 1m },
                ["agent"] = new() { ["GBP"] = 9_000m, ["USD"] = 10m, ["pounds"] = 1m, ["CNY"] = -1m },
            },
            CompensationCeilings = new(StringComparer.OrdinalIgnoreCase) { ["GBP"] = 5_000m, ["CNY"] = 100m },
        };

        var problems = CompensationLimits.Problems(options);

        Assert.Equal(
            [
                "ComplaintFlow:Portal:CompensationLimits:manager is not a desk role: use agent or supervisor.",
                "ComplaintFlow:Portal:CompensationLimits:agent:GBP (9000) is above the ceiling ComplaintFlow:Portal:CompensationCeilings:GBP (5000).",
                "ComplaintFlow:Portal:CompensationLimits:agent:USD has no ceiling: set ComplaintFlow:Portal:CompensationCeilings:USD.",
                "ComplaintFlow:Portal:CompensationLimits:agent:pounds is not a three-letter ISO 4217 currency code.",
                "ComplaintFlow:Portal:CompensationLimits:agent:CNY must not be negative.",
            ],
            problems);
    }

    [Fact]
    public async Task The_awaiting_approval_list_shows_each_compensation_until_it_is_decided_and_repairs_itself()
    {
        var time = new FakeTimeProvider(Now);
        var pipeline = new InMemoryPipeline(time);
        var index = new InMemoryCompensationApprovals();
        var approvals = new AwaitingApprovals(index, pipeline.Complaints, Limits, time);
        var id = (await pipeline.SubmitAsync("key-1", "My broadband was down for two days.")).Complaint.Id;
        var desk = NewDesk(Limits);

        // Within the limit: not on the list at all. Above it: listed (noted before the save, as the endpoint does).
        await approvals.NoteAsync(id, Agent, 50m, "GBP", CancellationToken.None);
        await SaveAsync(pipeline, id, c => desk.RecordCompensation(c, Agent, new CompensationInput(50m, "GBP", "outage", true), time.GetUtcNow()));
        Assert.Empty(index.ComplaintIds);
        await approvals.NoteAsync(id, Agent, 250m, "gbp", CancellationToken.None);
        await SaveAsync(pipeline, id, c => desk.RecordCompensation(c, Agent, new CompensationInput(250m, "GBP", "outage", true), time.GetUtcNow()));

        var listed = Assert.Single(await approvals.ListAsync(CancellationToken.None));
        Assert.Equal((id, 2, 250m, "GBP", Agent.Id), (listed.ComplaintId, listed.Number, listed.Amount, listed.Currency, listed.RecordedBy));

        // Decided: off the list at once; the row itself goes once it is old enough not to belong to a save in flight.
        await SaveAsync(pipeline, id, c => CompensationApprovals.Approve(c, Supervisor, 2, time.GetUtcNow()));
        Assert.Empty(await approvals.ListAsync(CancellationToken.None));
        Assert.Single(index.ComplaintIds);
        time.Advance(AwaitingApprovals.RepairAfter);
        Assert.Empty(await approvals.ListAsync(CancellationToken.None));
        Assert.Empty(index.ComplaintIds);
    }

    private static async Task SaveAsync(InMemoryPipeline pipeline, string id, Func<Complaint, ComplaintChange> decide)
    {
        var read = (await pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        await pipeline.Complaints.SaveAsync(decide(read.Complaint), read.Version, CancellationToken.None);
    }
}
