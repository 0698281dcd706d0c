using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk;

public sealed record DurationSummary(int Count, double? MedianHours, double? P90Hours);

public sealed record ClockCompliance(string Clock, string Kind, int OnTime, int Late, int Running);

public sealed record RepeatComplainant(string Contact, int Complaints);

public sealed record Redress(string Currency, decimal Offered, decimal Accepted, int Count);

public sealed record StaffLoad(string Owner, int Open, int Resolved, double? MedianResolutionHours);

/// <summary>The dashboard: how much comes in, whether we keep our clocks, how fast we answer, and why it happens.</summary>
public sealed record DeskStatistics
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required int Total { get; init; }

    /// <summary>Day (UTC, <c>yyyy-MM-dd</c>) → channel → complaints received.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> VolumeByDay { get; init; }
    public required IReadOnlyDictionary<string, int> ByCategory { get; init; }
    public required IReadOnlyList<ClockCompliance> Compliance { get; init; }
    public required DurationSummary FirstResponse { get; init; }
    public required DurationSummary Resolution { get; init; }
    public required IReadOnlyList<RepeatComplainant> RepeatComplainants { get; init; }
    public required IReadOnlyDictionary<string, int> Escalations { get; init; }
    public required IReadOnlyDictionary<string, int> RootCauses { get; init; }
    public required IReadOnlyList<Redress> Redress { get; init; }
    public double? AverageSurveyScore { get; init; }

    /// <summary>回访率, 满意率, survey response rate and 及时率 per clock (<see cref="DeskRates"/>).</summary>
    public DeskRates? Rates { get; init; }

    /// <summary>Per owner; only for supervisors.</summary>
    public IReadOnlyList<StaffLoad>? Staff { get; init; }

    public static DeskStatistics Compute(IReadOnlyCollection<Complaint> complaints, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, bool withStaff)
    {
        var inRange = complaints.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to).ToList();
        var resolved = inRange.Where(c => c.Resolution is not null).ToList();
        var answers = inRange.SelectMany(c => c.SurveyAnswers).ToList();
        return new DeskStatistics
        {
            From = from,
            To = to,
            Total = inRange.Count,
            VolumeByDay = inRange
                .GroupBy(c => c.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(c => c.Channel.ToString()).ToDictionary(x => x.Key, x => x.Count())),
            ByCategory = CountBy(inRange, c => c.Triage?.PrimaryCategory ?? "unscored"),
            Compliance = [.. inRange
                .SelectMany(c => c.Deadlines)
                .GroupBy(d => (d.Clock, d.Kind))
                .OrderBy(g => g.Key.Clock, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
                .Select(g => new ClockCompliance(
                    g.Key.Clock,
                    g.Key.Kind,
                    g.Count(d => d.MetAt is { } met && met <= d.DueAt),
                    g.Count(d => d.MetAt is { } met ? met > d.DueAt : d.DueAt < now),
                    g.Count(d => d.MetAt is null && d.DueAt >= now)))],
            // From a person, not the automatic acknowledgement: the first-response clock met by anything but the
            // acknowledgement, or the resolution, whichever came first.
            FirstResponse = Summarise(inRange.Select(FirstPersonalContact).OfType<TimeSpan>()),
            Resolution = Summarise(resolved.Select(c => c.Resolution!.ResolvedAt - c.ReceivedAt)),
            RepeatComplainants = [.. complaints
                .Select(c => (Contact: c.Contact.Email ?? c.Contact.Phone, c.Id))
                .Where(x => x.Contact is not null)
                .GroupBy(x => x.Contact!, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(10)
                .Select(g => new RepeatComplainant(g.Key, g.Count()))],
            Escalations = CountBy(inRange.Where(c => c.Triage is not null && c.Triage.EscalationGrade != EscalationGrade.Internal), c => c.Triage!.EscalationGrade.ToString()),
            RootCauses = CountBy(resolved, c => c.Resolution!.RootCause),
            // Only compensation within the recorder's limit or approved by a supervisor is redress.
            Redress = [.. inRange.SelectMany(c => c.Compensations).Where(x => x.Granted)
                .GroupBy(x => x.Currency)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Redress(g.Key, g.Sum(x => x.Amount), g.Where(x => x.Accepted).Sum(x => x.Amount), g.Count()))],
            AverageSurveyScore = answers.Count > 0 ? Math.Round(answers.Average(a => a.Score), 2) : null,
            Rates = DeskRates.Compute(inRange, now),
            Staff = withStaff
                ? [.. inRange.Where(c => c.Owner is not null).GroupBy(c => c.Owner!)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new StaffLoad(
                        g.Key,
                        g.Count(c => c.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed)),
                        g.Count(c => c.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed),
                        Summarise(g.Where(c => c.Resolution is not null).Select(c => c.Resolution!.ResolvedAt - c.ReceivedAt)).MedianHours))]
                : null,
        };
    }

    private static TimeSpan? FirstPersonalContact(Complaint c)
    {
        var contacts = c.Deadlines
            .Where(d => d.Kind == DeadlineKinds.FirstResponse && d.MetAt is not null && d.MetBy != MilestoneNames.Acknowledgement)
            .Select(d => d.MetAt!.Value)
            .Append(c.Resolution?.ResolvedAt ?? DateTimeOffset.MaxValue)
            .Min();
        return contacts == DateTimeOffset.MaxValue ? null : contacts - c.ReceivedAt;
    }

    private static Dictionary<string, int> CountBy(IEnumerable<Complaint> complaints, Func<Complaint, string> key) =>
        complaints.GroupBy(key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Median and 90th percentile (nearest rank), in hours to one decimal.</summary>
    public static DurationSummary Summarise(IEnumerable<TimeSpan> durations)
    {
        var hours = durations.Select(d => d.TotalHours).Order().ToList();
        if (hours.Count == 0)
        {
            return new DurationSummary(0, null, null);
        }

        double Rank(double p) => Math.Round(hours[(int)Math.Ceiling(p * hours.Count) - 1], 1);
        return new DurationSummary(hours.Count, Rank(0.5), Rank(0.9));
    }
}

/// <summary>Reads complaints for the dashboard: those received in a window, state only.</summary>
public interface IComplaintCatalog
{
    IAsyncEnumerable<Complaint> ReceivedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
