using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary>An open incident a complaint matches, how sure the match is, and whether triage links it by itself.</summary>
public sealed record IncidentMatch(Incident Incident, double Confidence, IReadOnlyList<string> Reasons, bool Automatic);

/// <summary>
/// Triage's part in incidents: finds the open incident a newly scored complaint is about (same category, its area
/// named by the place it gave, its words or its phone's area code, received inside the incident's window), and
/// links it, or suggests the link, in the same change that records the score, so the acknowledgement already says
/// the problem is known. The rule is <see cref="IncidentAreas"/> (policy data); docs/incidents.md explains it.
/// </summary>
/// <remarks>
/// The open incidents are read at most once per <see cref="CacheFor"/>: during a storm every complaint would
/// otherwise add a table query; an incident opened a moment ago starts linking a few seconds later.
/// </remarks>
public sealed class IncidentMatching(IIncidentStore store, IncidentAreas areas, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private volatile Snapshot? _cache;

    /// <summary>The incidents complaints may still be linked to (open or monitoring).</summary>
    public async Task<IReadOnlyList<Incident>> OpenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache is { } cached && now - cached.At < CacheFor && now >= cached.At)
        {
            return cached.Open;
        }

        IReadOnlyList<Incident> open = [.. (await store.ListAsync(cancellationToken)).Where(i => i.Status != IncidentStatus.Resolved)];
        _cache = new Snapshot(now, open);
        return open;
    }

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyList<Incident> Open);

    /// <summary>The best match among <paramref name="open"/>, or null when none reaches the suggestion threshold.</summary>
    public IncidentMatch? Match(Complaint complaint, TriageResult triage, IReadOnlyList<Incident> open)
    {
        if (open.Count == 0)
        {
            return null;
        }

        var evidence = areas.Evidence(complaint.Facts?.Place, complaint.Subject, complaint.Text, complaint.Contact.Phone);
        return open
            .Where(i => i.Status != IncidentStatus.Resolved)
            .Where(i => i.Category == triage.PrimaryCategory || triage.Categories.Contains(i.Category))
            .Where(i => i.Covers(complaint.ReceivedAt) || (complaint.Facts?.EventTime is { } began && i.Covers(began)))
            .Select(i => evidence.TryGetValue(i.Area.Key, out var e) ? new IncidentMatch(i, e.Confidence, e.Reasons, e.Confidence >= areas.AutoLinkConfidence) : null)
            .OfType<IncidentMatch>()
            .Where(m => m.Confidence >= areas.SuggestConfidence)
            .OrderByDescending(m => m.Confidence)
            .ThenByDescending(m => m.Incident.StartsAt)
            .FirstOrDefault();
    }

    /// <summary>
    /// The complaint linked to the match (automatic) or carrying it as a suggestion, and the event that says so,
    /// recorded by the system on <paramref name="change"/>. Returns the data the acknowledgement needs to say the
    /// problem is known (empty when it was only suggested).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Apply(ComplaintChange change, IncidentMatch? match)
    {
        if (match is null)
        {
            return new Dictionary<string, string>();
        }

        var data = new Dictionary<string, string>
        {
            ["incident"] = match.Incident.Id,
            ["area"] = match.Incident.Area.Key,
            ["confidence"] = IncidentAreas.Format(match.Confidence),
            ["reasons"] = string.Join(",", match.Reasons),
        };
        if (!match.Automatic)
        {
            change.Apply(c => c with
            {
                IncidentSuggestion = new IncidentSuggestion { IncidentId = match.Incident.Id, Confidence = match.Confidence, Reasons = match.Reasons, At = change.At },
            }).Record(EventTypes.IncidentSuggested, Actors.System, data);
            return new Dictionary<string, string>();
        }

        change.Apply(c => c with { IncidentId = match.Incident.Id, IncidentSuggestion = null })
            .Record(EventTypes.IncidentLinked, Actors.System, data);
        return AcknowledgementData(match.Incident, change.State.Language);
    }

    /// <summary>What the acknowledgement of a linked complaint adds: the area and what is known and being done.</summary>
    public static IReadOnlyDictionary<string, string> AcknowledgementData(Incident incident, string language) => new Dictionary<string, string>
    {
        ["incident"] = incident.Id,
        ["incidentArea"] = LocalisedText.In(incident.Area.Names, language),
        ["incidentText"] = incident.PublicTextIn(language),
    };

    /// <summary>Keeps the incident's index of links in step with a complaint that is linked (safe to repeat).</summary>
    public Task IndexAsync(Complaint complaint, CancellationToken cancellationToken) =>
        complaint.IncidentId is { } incident
            ? store.IndexLinkAsync(incident, new IncidentLink(complaint.Id, complaint.ReceivedAt), cancellationToken)
            : Task.CompletedTask;
}
