using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk.Incidents;

/// <summary>Complaints linked in one hour (UTC start of the hour; the desk shows it in its own zone).</summary>
public sealed record IncidentHour(DateTimeOffset Hour, int Complaints);

/// <summary>An incident as the desk's incidents page shows it: the incident, how many complaints are linked, and when they came.</summary>
public sealed record IncidentView
{
    public required Incident Incident { get; init; }
    public required int Linked { get; init; }

    /// <summary>Linked complaints per hour of receipt, from the first to the last hour with any (empty hours included).</summary>
    public required IReadOnlyList<IncidentHour> Hours { get; init; }

    /// <summary>The linked complaints' ids, newest first (the detail view only; at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<string> Complaints { get; init; } = [];

    public const int MaxListed = 200;

    public static IncidentView Of(Incident incident, IReadOnlyList<IncidentLink> links, bool withComplaints = false)
    {
        var hours = new List<IncidentHour>();
        if (links.Count > 0)
        {
            var counts = links.GroupBy(l => Hour(l.ReceivedAt)).ToDictionary(g => g.Key, g => g.Count());
            var last = counts.Keys.Max();
            // Capped at a week of hours, so one stray link months away does not make a list of thousands.
            for (var hour = counts.Keys.Min(); hour <= last && hours.Count < 24 * 7; hour = hour.AddHours(1))
            {
                hours.Add(new IncidentHour(hour, counts.GetValueOrDefault(hour)));
            }
        }

        return new IncidentView
        {
            Incident = incident,
            Linked = links.Count,
            Hours = hours,
            Complaints = withComplaints ? [.. links.OrderByDescending(l => l.ReceivedAt).Take(MaxListed).Select(l => l.ComplaintId)] : [],
        };
    }

    private static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
