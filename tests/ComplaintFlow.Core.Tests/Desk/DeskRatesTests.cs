using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>回访率, 满意率, survey response rate and 及时率 per clock, as the dashboard and its CSV report them.</summary>
public sealed class DeskRatesTests
{
    private static readonly DateTimeOffset Resolved = Received.AddDays(2); // Wednesday; follow-ups due Monday 9 March
    private readonly ComplaintDesk _desk = NewDesk();
    private readonly FollowUpTasks _followUps = new(new DeadlinePlanner(Rules));
    private readonly CustomerSurvey _survey = new(new PortalOptions(), new DeadlinePlanner(Rules));

    private Complaint ResolvedComplaint(string source, DateTimeOffset? at = null) =>
        _desk.Resolve(OpenComplaint(source, owner: Agent.Id), Agent, new ResolutionInput("Done.", "our-error", null), "token-" + source, at ?? Resolved).State;

    private Complaint FollowedUp(Complaint complaint, string outcome, DateTimeOffset at) =>
        _followUps.Record(complaint, Agent, new FollowUpInput("call", outcome, null), at).State;

    private static Complaint SurveySent(Complaint complaint) => complaint with
    {
        Notifications =
        [
            .. complaint.Notifications,
            new Notification { Id = complaint.Id + "-survey", Kind = NotificationKind.Survey, Channel = NotificationChannel.Email, RequestedAt = Resolved, Status = NotificationStatus.Sent, SentAt = Resolved },
        ],
    };

    [Fact]
    public void Follow_up_rate_counts_customers_reached_of_follow_ups_owed_and_satisfied_share_counts_of_those_reached()
    {
        var late = Resolved.AddDays(10);
        var satisfied = FollowedUp(SurveySent(ResolvedComplaint("satisfied")), "satisfied", Resolved.AddDays(1));
        var notSatisfied = FollowedUp(ResolvedComplaint("not-satisfied"), "not-satisfied", Resolved.AddDays(1));
        var unreachable = FollowedUp(FollowedUp(FollowedUp(ResolvedComplaint("unreachable"), "no-answer", late), "no-answer", late), "no-answer", late);
        var bySurvey = _survey.Answer(SurveySent(ResolvedComplaint("survey")), "token-survey", 4, null, "en", Resolved.AddDays(1)).State;
        var overdue = ResolvedComplaint("overdue");
        var notDueYet = ResolvedComplaint("not-due-yet", late);

        var rates = DeskRates.Compute([satisfied, notSatisfied, unreachable, bySurvey, overdue, notDueYet], late.AddHours(1));

        // Owed: every follow-up done or past its deadline (the one still within its three days is not owed yet).
        Assert.Equal(new Rate(3, 5), rates.FollowUp);
        Assert.Equal(60.0, rates.FollowUp.Percent);
        Assert.Equal(new Rate(2, 3), rates.Satisfied);
        Assert.Equal(66.7, rates.Satisfied.Percent);
        Assert.Equal(new Rate(1, 2), rates.SurveyResponse);
        // The unreachable one was closed a week after its deadline.
        Assert.Equal(new Rate(3, 4), rates.FollowUpOnTime);
        Assert.Equal(1, rates.Unreachable);
        Assert.Equal(1, rates.BySurvey);
    }

    [Fact]
    public void On_time_rate_is_given_per_clock_counting_a_clock_still_open_past_its_deadline_as_late()
    {
        var onTime = ResolvedComplaint("on-time");
        var lateResolve = ResolvedComplaint("late", Received.AddDays(12)); // internal resolve due at 10 days; MIIT at 15

        var rates = DeskRates.Compute([onTime, lateResolve], Received.AddDays(12).AddHours(1));

        var miit = Assert.Single(rates.OnTime, c => c.Clock == "miit");
        Assert.Equal(100.0, miit.OnTimeRate.Percent);
        var @internal = Assert.Single(rates.OnTime, c => c.Clock == DeadlineKinds.InternalClock);
        // Two acknowledgements and one resolution on time; late: one resolution, and the first complaint's follow-up,
        // still owed past its Monday deadline; the second complaint's follow-up is still running.
        Assert.Equal((3, 2, 1), (@internal.OnTime, @internal.Late, @internal.Running));
    }

    [Fact]
    public void Rates_with_nothing_to_count_have_no_percentage_rather_than_zero()
    {
        var rates = DeskRates.Compute([OpenComplaint()], Received.AddHours(2));

        Assert.Equal(new Rate(0, 0), rates.FollowUp);
        Assert.Null(rates.FollowUp.Percent);
    }

    [Fact]
    public void The_csv_has_one_row_per_rate_and_clock_and_no_cell_a_spreadsheet_would_run_as_a_formula()
    {
        var rates = new DeskRates
        {
            FollowUp = new Rate(3, 4),
            Satisfied = new Rate(2, 3),
            SurveyResponse = new Rate(0, 0),
            FollowUpOnTime = new Rate(4, 4),
            Unreachable = 0,
            BySurvey = 1,
            OnTime = [new ClockOnTimeRate("miit-telecom", 9, 1, 2), new ClockOnTimeRate("=HYPERLINK(\"http://evil\")", 1, 0, 0), new ClockOnTimeRate("+1", 1, 0, 0), new ClockOnTimeRate("@sum", 1, 0, 0), new ClockOnTimeRate("-2+3", 1, 0, 0)],
        };

        var lines = DeskRatesCsv.Write(rates, Received, Received.AddDays(30)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("metric,clock,count,of,percent,from_utc,to_utc", lines[0]);
        Assert.Equal("follow-up-rate,,3,4,75.0,2026-03-02 01:30,2026-04-01 01:30", lines[1]);
        Assert.Equal("survey-response-rate,,0,0,,2026-03-02 01:30,2026-04-01 01:30", lines[3]);
        Assert.Equal("on-time,miit-telecom,9,10,90.0,2026-03-02 01:30,2026-04-01 01:30", lines[5]);
        Assert.StartsWith("on-time,\"'=HYPERLINK(\"\"http://evil\"\")\",", lines[6], StringComparison.Ordinal);
        Assert.StartsWith("on-time,'+1,", lines[7], StringComparison.Ordinal);
        Assert.StartsWith("on-time,'@sum,", lines[8], StringComparison.Ordinal);
        Assert.StartsWith("on-time,'-2+3,", lines[9], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-31", null, "2026-03-01", "2026-04-01")]
    [InlineData(null, null, "7", "2026-03-26", "2026-04-01T09:00:00.0000001")]
    public void The_period_is_chosen_by_dates_both_included_or_by_a_number_of_days(string? from, string? to, string? days, string start, string end)
    {
        var now = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

        var (period, errors) = StatsPeriod.Parse(from, to, days, now);

        Assert.Empty(errors);
        Assert.Equal(DateTimeOffset.Parse(start + (start.Length == 10 ? "T00:00:00Z" : "Z"), System.Globalization.CultureInfo.InvariantCulture), period!.From);
        Assert.Equal(DateTimeOffset.Parse(end + (end.Length == 10 ? "T00:00:00Z" : "Z"), System.Globalization.CultureInfo.InvariantCulture), period.To);
    }

    [Theory]
    [InlineData("2026-03-31", "2026-03-01", null, "to")]
    [InlineData("March", "2026-03-01", null, "from")]
    [InlineData("2026-03-01", null, null, "to")]
    [InlineData(null, null, "0", "days")]
    [InlineData("2025-01-01", "2026-03-01", null, "to")]
    public void A_wrong_period_names_the_field(string? from, string? to, string? days, string field)
    {
        var (period, errors) = StatsPeriod.Parse(from, to, days, Received);

        Assert.Null(period);
        Assert.Equal(field, Assert.Single(errors).Field);
    }
}
