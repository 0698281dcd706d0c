using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

public sealed class DeskStatisticsTests
{
    private static readonly DateTimeOffset Now = Received.AddDays(20);
    private readonly ComplaintDesk _desk = NewDesk();

    private Complaint ResolvedAfter(string source, TimeSpan after, string rootCause, string? email = "li@example.com") =>
        _desk.Resolve(OpenComplaint(source, email: email, owner: Agent.Id), Agent, new ResolutionInput("Done.", rootCause, null), "t", Received + after).State;

    [Fact]
    public void Dashboard_reports_volume_root_causes_redress_and_resolution_times()
    {
        var fast = ResolvedAfter("a", TimeSpan.FromHours(10), "our-error");
        var slow = ResolvedAfter("b", TimeSpan.FromDays(12), "our-error", email: "other@example.com");
        var compensated = _desk.RecordCompensation(fast, Agent, new CompensationInput(20m, "CNY", "outage", Accepted: true), Now).State;
        var offered = _desk.RecordCompensation(OpenComplaint("c", channel: Channel.Sms, escalation: EscalationGrade.External), Agent, new CompensationInput(5m, "CNY", "late", false), Now).State;

        var stats = DeskStatistics.Compute([compensated, slow, offered], Received, Now, Now, withStaff: false);

        Assert.Equal(3, stats.Total);
        Assert.Equal(new Dictionary<string, int> { ["Web"] = 2, ["Sms"] = 1 }, stats.VolumeByDay["2026-03-02"]);
        Assert.Equal(2, stats.RootCauses["our-error"]);
        Assert.Equal(new Redress("CNY", 25m, 20m, 2), Assert.Single(stats.Redress));
        Assert.Equal(2, stats.Resolution.Count);
        Assert.Equal(10, stats.Resolution.MedianHours);
        Assert.Equal(288, stats.Resolution.P90Hours);
        Assert.Equal(1, stats.Escalations["External"]);
        Assert.Null(stats.Staff);
    }

    [Fact]
    public void First_response_is_measured_from_a_person_s_contact_not_the_automatic_acknowledgement()
    {
        // Both were acknowledged an hour after they came in (the fixture); one was answered by a person after 10 hours,
        // the other not yet.
        var answered = ResolvedAfter("a", TimeSpan.FromHours(10), "our-error");
        var waiting = OpenComplaint("b", email: "other@example.com") with { AcknowledgedAt = Received.AddHours(1) };

        var stats = DeskStatistics.Compute([answered, waiting], Received, Now, Now, withStaff: false);

        Assert.Equal(1, stats.FirstResponse.Count);
        Assert.Equal(10, stats.FirstResponse.MedianHours);
    }

    [Fact]
    public void Clock_compliance_counts_met_in_time_late_and_still_running_per_clock()
    {
        var onTime = ResolvedAfter("a", TimeSpan.FromDays(2), "policy");
        var late = ResolvedAfter("b", TimeSpan.FromDays(11), "policy");
        var open = OpenComplaint("c");

        var stats = DeskStatistics.Compute([onTime, late, open], Received, Now, Received.AddDays(12), withStaff: true);

        var internalResolve = stats.Compliance.Single(c => c is { Clock: "internal", Kind: "resolve" });
        Assert.Equal((1, 2, 0), (internalResolve.OnTime, internalResolve.Late, internalResolve.Running));
        var statutory = stats.Compliance.Single(c => c.Clock == "miit");
        Assert.Equal((2, 0, 1), (statutory.OnTime, statutory.Late, statutory.Running));
        // Nearest-rank median of 48 h and 264 h is the lower one.
        Assert.Equal(new StaffLoad(Agent.Id, 0, 2, 48), Assert.Single(stats.Staff!));
    }

    [Fact]
    public void Repeat_complainants_are_those_with_more_than_one_complaint_most_first()
    {
        var stats = DeskStatistics.Compute(
            [OpenComplaint("1"), OpenComplaint("2", email: "LI@example.com"), OpenComplaint("3", email: "once@example.com")],
            Received, Now, Now, withStaff: false);

        var repeat = Assert.Single(stats.RepeatComplainants);
        Assert.Equal(2, repeat.Complaints);
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var summary = DeskStatistics.Summarise(Enumerable.Range(1, 10).Select(h => TimeSpan.FromHours(h)));

        Assert.Equal(new DurationSummary(10, 5, 9), summary);
    }
}
