namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// Where an incident stands: <c>Open</c> while the fault lasts, <c>Monitoring</c> once it is fixed and being watched
/// (complaints still link to it), <c>Resolved</c> when its linked complaints have been answered.
/// </summary>
public enum IncidentStatus
{
    Open,
    Monitoring,
    Resolved,
}

/// <summary>An area of the incident gazetteer (<c>Triage.IncidentAreas</c>): its key and its names per language.</summary>
public sealed record IncidentArea
{
    /// <summary>The normalised key (<c>kowloon-tong</c>), the same in every language.</summary>
    public required string Key { get; init; }

    /// <summary>Display names by language (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();
}

/// <summary>A message from the operator about an incident, in the languages it was written in.</summary>
public sealed record IncidentUpdate
{
    /// <summary><c>u1</c>, <c>u2</c>...: numbered within the incident, so a notice about it is named once per customer.</summary>
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string By { get; init; }
    public required IReadOnlyDictionary<string, string> Text { get; init; }
}

/// <summary>How an incident was resolved: the written resolution each linked complaint gets in its customer's language.</summary>
public sealed record IncidentResolution
{
    public required IReadOnlyDictionary<string, string> Text { get; init; }
    public required string RootCause { get; init; }
    public string? CorrectiveAction { get; init; }
    public required string ResolvedBy { get; init; }
    public required DateTimeOffset ResolvedAt { get; init; }
}

/// <summary>One entry of an incident's own history (opened, update, status, resolved, complaint linked...).</summary>
public sealed record IncidentEvent
{
    public required string Type { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// An outage or fault that many customers complain about at once (a substation trip, a cell site down): an area, a
/// triage category, a time window, a public description, and its own status and updates. Complaints are linked to
/// it (the link lives on the complaint: <see cref="Complaint.IncidentId"/>); each keeps its own clocks and letters.
/// </summary>
public sealed record Incident
{
    public required string Id { get; init; }
    public required IncidentArea Area { get; init; }

    /// <summary>A category id of the triage taxonomy (<c>outage</c>).</summary>
    public required string Category { get; init; }
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When the fault ended; null while it lasts. Complaints received after it are not linked automatically.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The public description by language, as staff wrote it (at least one language).</summary>
    public required IReadOnlyDictionary<string, string> Description { get; init; }
    public IncidentStatus Status { get; init; } = IncidentStatus.Open;
    public required string OpenedBy { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public IReadOnlyList<IncidentUpdate> Updates { get; init; } = [];
    public IncidentResolution? Resolution { get; init; }
    public IReadOnlyList<IncidentEvent> History { get; init; } = [];

    /// <summary>True when <paramref name="at"/> is inside the incident's window.</summary>
    public bool Covers(DateTimeOffset at) => at >= StartsAt && (EndsAt is null || at <= EndsAt);

    /// <summary>What the customer is told is known and being done: the latest update, else the description.</summary>
    public string PublicTextIn(string language) => LocalisedText.In(Updates.Count > 0 ? Updates[^1].Text : Description, language);

    public Incident Record(string type, string actor, DateTimeOffset at, IReadOnlyDictionary<string, string>? data = null) =>
        this with { History = [.. History, new IncidentEvent { Type = type, At = at, Actor = actor, Data = data ?? new Dictionary<string, string>() }] };

    /// <summary>The wire name of a status: <c>open</c>, <c>monitoring</c>, <c>resolved</c>.</summary>
    public static string NameOf(IncidentStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>Triage's suggestion to link a complaint to an incident, below the confidence that links it by itself.</summary>
public sealed record IncidentSuggestion
{
    public required string IncidentId { get; init; }

    /// <summary>0..1: how sure the match is (<c>Triage.IncidentMatcher</c>).</summary>
    public required double Confidence { get; init; }

    /// <summary>What matched: <c>place:kowloon tong</c>, <c>text:九龙塘</c>, <c>phone:+86755</c>.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public required DateTimeOffset At { get; init; }
}

/// <summary>A text given in several languages, read in the customer's.</summary>
public static class LocalisedText
{
    /// <summary>
    /// The text in <paramref name="language"/>, else in the other Chinese script, else English, else any: a customer
    /// always gets the words staff wrote, in the nearest language they wrote them in.
    /// </summary>
    public static string In(IReadOnlyDictionary<string, string> texts, string language)
    {
        var wanted = SupportedLanguages.Normalise(language) ?? SupportedLanguages.English;
        string[] order = wanted switch
        {
            SupportedLanguages.SimplifiedChinese => [wanted, SupportedLanguages.TraditionalChinese, SupportedLanguages.English],
            SupportedLanguages.TraditionalChinese => [wanted, SupportedLanguages.SimplifiedChinese, SupportedLanguages.English],
            _ => [SupportedLanguages.English, SupportedLanguages.SimplifiedChinese, SupportedLanguages.TraditionalChinese],
        };
        foreach (var candidate in order)
        {
            if (texts.TryGetValue(candidate, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return texts.Values.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? string.Empty;
    }
}

/// <summary>An incident as read, with the version token a later write must match.</summary>
public sealed record VersionedIncident(Incident Incident, string Version);

/// <summary>A complaint linked to an incident, as the incident's index of links holds it.</summary>
public sealed record IncidentLink(string ComplaintId, DateTimeOffset ReceivedAt);

/// <summary>
/// Incidents and the index of the complaints linked to each. The link itself is on the complaint (its state and a
/// timeline event, written together); the index is how an update or a resolution finds every linked complaint
/// without scanning, and a stale row (a complaint unlinked since) is checked against the complaint and skipped.
/// </summary>
public interface IIncidentStore
{
    /// <summary>Creates the incident; false (writing nothing) when the id exists.</summary>
    Task<bool> TryCreateAsync(Incident incident, CancellationToken cancellationToken);

    Task<VersionedIncident?> FindAsync(string id, CancellationToken cancellationToken);

    /// <exception cref="IncidentConflictException">Someone else changed it since <paramref name="expectedVersion"/>.</exception>
    Task<VersionedIncident> SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken);

    /// <summary>Every incident, newest first.</summary>
    Task<IReadOnlyList<Incident>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds (or keeps) the index row of a linked complaint; safe to repeat.</summary>
    Task IndexLinkAsync(string incidentId, IncidentLink link, CancellationToken cancellationToken);

    /// <summary>Removes the index row; one already gone is fine.</summary>
    Task RemoveLinkAsync(string incidentId, string complaintId, CancellationToken cancellationToken);

    Task<IReadOnlyList<IncidentLink>> LinksAsync(string incidentId, CancellationToken cancellationToken);
}

public sealed class IncidentConflictException(string incidentId) : Exception($"Incident {incidentId} was changed by someone else.")
{
    public string IncidentId { get; } = incidentId;
}

/// <summary>Queue message for the incident fan-out: one per incident change, then one per linked complaint.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Step">The update's id (<c>u1</c>) to notify, or <see cref="Resolution"/>.</param>
/// <param name="ComplaintId">Null for the fan-out itself; set for the work on one linked complaint.</param>
public sealed record IncidentMessage(string IncidentId, string Step, string? ComplaintId = null)
{
    public const string Resolution = "resolution";
    public string? TraceParent { get; init; }
}
