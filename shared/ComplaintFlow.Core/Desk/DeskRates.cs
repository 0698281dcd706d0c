using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk;

/// <summary>A share: <see cref="Count"/> of <see cref="Of"/>, as a percentage to one decimal (null when there is nothing to count).</summary>
public sealed record Rate(int Count, int Of)
{
    public double? Percent => Of == 0 ? null : Math.Round(100.0 * Count / Of, 1);
}

/// <summary>How one clock (<c>internal</c> or a regulatory profile) was kept: 及时率 = on time / (on time + late).</summary>
public sealed record ClockOnTimeRate(string Clock, int OnTime, int Late, int Running)
{
    public Rate OnTimeRate => new(OnTime, OnTime + Late);
}

/// <summary>
/// The follow-up (回访) and satisfaction figures of the complaints received in the period, as the practice reports them:
/// 回访率 (follow-up rate), 满意率 (satisfied share), the survey's response rate and 及时率 (on-time rate) per clock.
/// </summary>
public sealed record DeskRates
{
    /// <summary>
    /// 回访率: follow-ups that reached the customer (satisfied or not, by the desk or by the survey) of those owed. A
    /// follow-up still within its deadline is not owed yet; one ended by the complaint being reopened is not counted.
    /// </summary>
    public required Rate FollowUp { get; init; }

    /// <summary>满意率: satisfied of the follow-ups that reached the customer.</summary>
    public required Rate Satisfied { get; init; }

    /// <summary>Survey answers of the surveys a provider accepted.</summary>
    public required Rate SurveyResponse { get; init; }

    /// <summary>Follow-ups done (reached or closed as unreachable) by their deadline, of those done.</summary>
    public required Rate FollowUpOnTime { get; init; }

    /// <summary>Follow-ups closed as unreachable after the policy's tries.</summary>
    public required int Unreachable { get; init; }

    /// <summary>Follow-ups completed by the customer's survey answer (the self-service form).</summary>
    public required int BySurvey { get; init; }

    /// <summary>及时率 per clock: every deadline of the period's complaints, met by its due time or not.</summary>
    public required IReadOnlyList<ClockOnTimeRate> OnTime { get; init; }

    public static DeskRates Compute(IReadOnlyCollection<Complaint> inRange, DateTimeOffset now)
    {
        var followUps = inRange.SelectMany(c => c.FollowUps).Where(f => f.Outcome != FollowUpOutcomes.Reopened).ToList();
        var owed = followUps.Where(f => !f.IsOpen || f.DueAt < now).ToList();
        var reached = owed.Where(f => f.Reached).ToList();
        var done = followUps.Where(f => f.CompletedAt is not null).ToList();
        var surveysSent = inRange.Sum(c => c.Notifications.Count(n => n.Kind == NotificationKind.Survey && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered));
        return new DeskRates
        {
            FollowUp = new Rate(reached.Count, owed.Count),
            Satisfied = new Rate(reached.Count(f => f.Outcome == FollowUpOutcomes.Satisfied), reached.Count),
            SurveyResponse = new Rate(Math.Min(inRange.Sum(c => c.SurveyAnswers.Count), surveysSent), surveysSent),
            FollowUpOnTime = new Rate(done.Count(f => f.CompletedAt <= f.DueAt), done.Count),
            Unreachable = followUps.Count(f => f.Outcome == FollowUpOutcomes.Unreachable),
            BySurvey = followUps.Count(f => f.Method == FollowUpMethods.Survey),
            OnTime = [.. inRange.SelectMany(c => c.Deadlines)
                .GroupBy(d => d.Clock)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ClockOnTimeRate(
                    g.Key,
                    g.Count(d => d.MetAt is { } met && met <= d.DueAt),
                    g.Count(d => d.MetAt is { } met ? met > d.DueAt : d.DueAt < now),
                    g.Count(d => d.MetAt is null && d.DueAt >= now)))],
        };
    }
}

/// <summary>The rates as CSV for a spreadsheet: one row per figure, the period on every row.</summary>
public static class DeskRatesCsv
{
    public static string Write(DeskRates rates, DateTimeOffset from, DateTimeOffset to)
    {
        var csv = new StringBuilder("metric,clock,count,of,percent,from_utc,to_utc\r\n");
        void Row(string metric, string clock, Rate rate)
        {
            string[] fields =
            [
                metric, clock, rate.Count.ToString(CultureInfo.InvariantCulture), rate.Of.ToString(CultureInfo.InvariantCulture),
                rate.Percent?.ToString("0.0", CultureInfo.InvariantCulture) ?? string.Empty,
                from.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                to.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ];
            csv.AppendJoin(',', fields.Select(CsvField.Of)).Append("\r\n");
        }

        Row("follow-up-rate", string.Empty, rates.FollowUp);
        Row("satisfied-share", string.Empty, rates.Satisfied);
        Row("survey-response-rate", string.Empty, rates.SurveyResponse);
        Row("follow-up-on-time", string.Empty, rates.FollowUpOnTime);
        foreach (var clock in rates.OnTime)
        {
            Row("on-time", clock.Clock, clock.OnTimeRate);
        }

        return csv.ToString();
    }
}
