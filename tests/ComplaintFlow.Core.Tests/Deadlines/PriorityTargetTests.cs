using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;
using static ComplaintFlow.Core.Tests.Deadlines.DeadlinePlanningTests;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>
/// The internal targets follow the risk: a P1 (a person at risk, a serious outage) gets a person within the hour, day
/// or night; a P4 gets working time. A change of priority plans the internal clocks again; the law's clocks stay.
/// </summary>
public sealed class PriorityTargetTests
{
    private static readonly DeadlinePlanner Planner = new(Rules);
    private static readonly string[] Categories = ["outage", "metering", "billing", "product-quality", "staff-attitude"];
    private static readonly string?[] Addresses = [null, "power@complaintflow.local", "broadband@complaintflow.local"];

    private static Deadline Internal(IEnumerable<Deadline> deadlines, string kind) =>
        deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == kind);

    /// <summary>An open complaint received at <paramref name="received"/>, triaged and given its clocks.</summary>
    private static Complaint Planned(DateTimeOffset received, Priority priority, string category = "billing")
    {
        var complaint = ComplaintAt(received) with { Status = ComplaintStatus.Open, Triage = Triaged(priority, category), LastEventSequence = 2 };
        return complaint with { Deadlines = [.. Planner.Plan(complaint, complaint.Triage!)] };
    }

    [Fact]
    public void P1_gets_first_contact_within_one_hour_at_any_hour_for_every_category_channel_and_business_line()
    {
        // Saturday night in Shanghai, Spring Festival, a Friday after close, a Monday morning: the hour never waits for the office.
        DateTimeOffset[] moments =
        [
            Local(China, "2026-03-07 23:40"),
            Local(China, "2026-02-17 03:10"),
            Local(China, "2026-03-06 18:30"),
            Local(China, "2026-03-02 09:05"),
        ];
        foreach (var received in moments)
        {
            foreach (var channel in new[] { Channel.Web, Channel.Email, Channel.Sms, Channel.Phone })
            {
                foreach (var category in Categories)
                {
                    foreach (var address in Addresses)
                    {
                        var complaint = ComplaintAt(received, channel) with { ChannelAddress = address };
                        var deadlines = Planner.Plan(complaint, Triaged(Priority.P1, category));

                        var firstContact = Internal(deadlines, DeadlineKinds.FirstResponse);
                        Assert.True(firstContact.DueAt - received <= TimeSpan.FromHours(1),
                            $"{channel} {category} {address} at {Show(China, received)}: first contact due {Show(China, firstContact.DueAt)}");
                        Assert.Equal(DurationUnits.Hours, firstContact.Unit);
                        Assert.Equal(MilestoneNames.FirstContact, firstContact.MetBy);
                    }
                }
            }
        }
    }

    [Fact]
    public void P4_first_response_counts_working_time_so_a_friday_evening_complaint_is_due_on_wednesday_evening()
    {
        var fridayEvening = Local(China, "2026-03-06 17:00");

        var deadlines = Planner.Plan(ComplaintAt(fridayEvening), Triaged(Priority.P4));

        var firstResponse = Internal(deadlines, DeadlineKinds.FirstResponse);
        Assert.Equal(DurationUnits.BusinessDays, firstResponse.Unit);
        // 3 working days: Monday, Tuesday, Wednesday, same time of day.
        Assert.Equal("2026-03-11 17:00 +08:00", Show(China, firstResponse.DueAt));
    }

    [Fact]
    public void A_target_can_be_set_per_priority_and_profile_so_a_P2_on_the_power_line_gets_two_working_hours()
    {
        var received = Local(China, "2026-03-02 10:00");
        DateTimeOffset FirstResponse(string address) =>
            Internal(Planner.Plan(ComplaintAt(received, Channel.Email) with { ChannelAddress = address }, Triaged(Priority.P2)), DeadlineKinds.FirstResponse).DueAt;

        Assert.Equal("2026-03-02 12:00 +08:00", Show(China, FirstResponse("power@complaintflow.local")));
        Assert.Equal("2026-03-03 10:00 +08:00", Show(China, FirstResponse("broadband@complaintflow.local")));
    }

    [Fact]
    public void A_safeguarding_P1_tops_the_desks_due_soon_list_over_an_older_P3()
    {
        var lists = new WorkLists(new PortalOptions { DueSoonHorizon = TimeSpan.FromDays(7) });
        var older = Local(China, "2026-03-02 09:00");
        var p3 = ComplaintAt(older) with { Id = "AAAAAAAAAA", Status = ComplaintStatus.Open, Triage = Triaged(Priority.P3) };
        p3 = p3 with { Deadlines = [.. Planner.Plan(p3, p3.Triage!)] };
        var urgent = ComplaintAt(older.AddHours(3)) with { Id = "BBBBBBBBBB", Status = ComplaintStatus.Open, Triage = Triaged(Priority.P1, "outage") };
        urgent = urgent with { Deadlines = [.. Planner.Plan(urgent, urgent.Triage!)] };
        var now = older.AddHours(3).AddMinutes(10);

        var list = lists.List(WorkListNames.DueSoon, DeadlineEntry.For(p3).Concat(DeadlineEntry.For(urgent)), DeskFixturesAgent, now, new WorkListFilter(), WorkListSort.Deadline);

        Assert.Equal(["BBBBBBBBBB", "AAAAAAAAAA"], list.Select(i => i.ComplaintId));
        Assert.True(list[0].MinutesLeft <= 60, $"{list[0].MinutesLeft} minutes left");
    }

    [Fact]
    public void Staff_raising_a_P4_to_P1_replans_the_internal_clocks_records_why_and_leaves_the_statutory_clocks()
    {
        var desk = Desk.DeskFixtures.NewDesk();
        var received = Local(China, "2026-03-06 20:00");
        var complaint = Planned(received, Priority.P4, "outage");
        var statutoryBefore = complaint.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock).ToList();
        var at = received.AddMinutes(20);

        var change = desk.ChangePriority(complaint, Desk.DeskFixtures.Agent, "P1", "Customer relies on an oxygen concentrator.", at);

        var after = change.State;
        Assert.Equal(Priority.P1, after.Triage!.Priority);
        Assert.Equal(received.AddHours(1), Internal(after.Deadlines, DeadlineKinds.FirstResponse).DueAt);
        Assert.Equal(statutoryBefore, after.Deadlines.Where(d => d.Clock != DeadlineKinds.InternalClock));
        var recorded = Assert.Single(change.Events);
        Assert.Equal(EventTypes.PriorityChanged, recorded.Type);
        Assert.Equal(Desk.DeskFixtures.Agent.Id, recorded.Actor);
        Assert.Equal("P4", recorded.Data["from"]);
        Assert.Equal("P1", recorded.Data["to"]);
        Assert.Equal("Customer relies on an oxygen concentrator.", recorded.Data["reason"]);
        Assert.Contains("internal:first-response", recorded.Data.Keys);
    }

    [Fact]
    public void Lowering_a_priority_keeps_a_clock_already_met()
    {
        var desk = Desk.DeskFixtures.NewDesk();
        var received = Local(China, "2026-03-02 10:00");
        var complaint = ComplaintAt(received) with { Status = ComplaintStatus.Open, Triage = Triaged(Priority.P1), LastEventSequence = 2 };
        complaint = complaint with { Deadlines = Deadline.MeetAll([.. Planner.Plan(complaint, complaint.Triage!)], MilestoneNames.FirstContact, received.AddMinutes(30)) };

        var after = desk.ChangePriority(complaint, Desk.DeskFixtures.Agent, "P3", "Not urgent after all: no one at risk.", received.AddHours(2)).State;

        Assert.Equal(received.AddMinutes(30), Internal(after.Deadlines, DeadlineKinds.FirstResponse).MetAt);
        Assert.Equal("2026-03-16 10:00 +08:00", Show(China, Internal(after.Deadlines, DeadlineKinds.Resolve).DueAt));
    }

    [Fact]
    public void Raising_a_priority_after_its_hour_from_receipt_has_passed_gives_a_person_an_hour_from_the_change_not_a_breach_in_the_past()
    {
        var desk = Desk.DeskFixtures.NewDesk();
        var received = Local(China, "2026-03-02 10:00");
        var complaint = Planned(received, Priority.P4);
        var at = Local(China, "2026-03-04 23:15");

        var after = desk.ChangePriority(complaint, Desk.DeskFixtures.Agent, "P1", "Customer now says a relative depends on home dialysis.", at).State;

        var firstContact = Internal(after.Deadlines, DeadlineKinds.FirstResponse);
        Assert.Equal(at.AddHours(1), firstContact.DueAt);
        Assert.Equal(at, firstContact.StartedAt);
        Assert.Equal(at.AddHours(24), Internal(after.Deadlines, DeadlineKinds.Resolve).DueAt);
    }

    [Fact]
    public void Raising_a_priority_never_moves_a_clock_later()
    {
        var desk = Desk.DeskFixtures.NewDesk();
        var received = Local(China, "2026-03-02 10:00");
        var complaint = Planned(received, Priority.P3);
        var p3FirstResponse = Internal(complaint.Deadlines, DeadlineKinds.FirstResponse).DueAt;
        Assert.Equal("2026-03-04 10:00 +08:00", Show(China, p3FirstResponse));

        // Wednesday 09:00: P2's one working day from receipt has passed, and one working day from now is Thursday, later
        // than the P3 date the desk already holds.
        var after = desk.ChangePriority(complaint, Desk.DeskFixtures.Agent, "P2", "Third contact about it.", Local(China, "2026-03-04 09:00")).State;

        Assert.Equal(p3FirstResponse, Internal(after.Deadlines, DeadlineKinds.FirstResponse).DueAt);
        Assert.Equal("2026-03-09 10:00 +08:00", Show(China, Internal(after.Deadlines, DeadlineKinds.Resolve).DueAt));
    }

    [Fact]
    public void Lowering_a_priority_after_the_acknowledgement_was_sent_keeps_the_first_response_date_it_gave_the_customer()
    {
        var desk = Desk.DeskFixtures.NewDesk();
        var received = Local(China, "2026-03-02 10:00");
        var complaint = Planned(received, Priority.P2);
        var acknowledged = complaint with
        {
            Notifications =
            [
                new Notification
                {
                    Id = "ack", Kind = NotificationKind.Acknowledgement, Channel = NotificationChannel.Email, RequestedAt = received,
                    Status = NotificationStatus.Sent, SentAt = received.AddMinutes(1),
                },
            ],
        };
        var promised = CustomerPromise.Of(acknowledged);

        var after = desk.ChangePriority(acknowledged, Desk.DeskFixtures.Agent, "P4", "A general question about tariffs.", received.AddHours(2)).State;
        var notYetTold = desk.ChangePriority(complaint, Desk.DeskFixtures.Agent, "P4", "A general question about tariffs.", received.AddHours(2)).State;

        Assert.Equal(promised.FirstResponseBy, CustomerPromise.Of(after).FirstResponseBy);
        // The resolve date was an aim ("we aim to resolve your complaint by"): it follows the new priority.
        Assert.Equal("2026-03-23 10:00 +08:00", Show(China, Internal(after.Deadlines, DeadlineKinds.Resolve).DueAt));
        Assert.Equal("2026-03-05 10:00 +08:00", Show(China, Internal(notYetTold.Deadlines, DeadlineKinds.FirstResponse).DueAt));
    }

    [Theory]
    [InlineData("P5")]
    [InlineData("1")]
    [InlineData("")]
    public void A_priority_that_does_not_exist_is_refused_naming_the_field(string priority)
    {
        var desk = Desk.DeskFixtures.NewDesk();
        var complaint = Desk.DeskFixtures.OpenComplaint();

        var refusal = Assert.Throws<DeskRefusal>(() => desk.ChangePriority(complaint, Desk.DeskFixtures.Agent, priority, "why", complaint.ReceivedAt));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal("priority", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public void A_priority_change_without_a_reason_is_refused()
    {
        var desk = Desk.DeskFixtures.NewDesk();

        var refusal = Assert.Throws<DeskRefusal>(() => desk.ChangePriority(Desk.DeskFixtures.OpenComplaint(), Desk.DeskFixtures.Agent, "P1", "  ", Desk.DeskFixtures.Received));

        Assert.Equal("reason", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public void An_override_for_a_priority_that_does_not_exist_is_refused_at_start()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p["overrides"]!.AsArray()[0]!["priorities"] = new System.Text.Json.Nodes.JsonArray("P9")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:overrides:0:priorities", error.Message, StringComparison.Ordinal);
    }

    private static StaffMember DeskFixturesAgent => Desk.DeskFixtures.Agent;
}
