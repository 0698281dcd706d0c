using System.Collections.Concurrent;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="IIncidentStore"/> as the Table <c>Incidents</c> keeps it: versioned incidents, and the index of links per incident.</summary>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly ConcurrentDictionary<string, VersionedIncident> _incidents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IncidentLink>> _links = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>Table queries made by <see cref="ListAsync"/> (the open-incident cache keeps them few).</summary>
    public int Lists { get; private set; }

    public Task<bool> TryCreateAsync(Incident incident, CancellationToken cancellationToken) =>
        Task.FromResult(_incidents.TryAdd(incident.Id, new VersionedIncident(incident, NextVersion())));

    public Task<VersionedIncident?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_incidents.TryGetValue(id, out var found) ? found : null);

    public Task<VersionedIncident> SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken)
    {
        var saved = new VersionedIncident(incident, NextVersion());
        if (!_incidents.TryGetValue(incident.Id, out var current) || current.Version != expectedVersion || !_incidents.TryUpdate(incident.Id, saved, current))
        {
            throw new IncidentConflictException(incident.Id);
        }

        return Task.FromResult(saved);
    }

    public Task<IReadOnlyList<Incident>> ListAsync(CancellationToken cancellationToken)
    {
        Lists++;
        return Task.FromResult<IReadOnlyList<Incident>>([.. _incidents.Values.Select(v => v.Incident).OrderByDescending(i => i.OpenedAt)]);
    }

    public Task IndexLinkAsync(string incidentId, IncidentLink link, CancellationToken cancellationToken)
    {
        _links.GetOrAdd(incidentId, _ => new(StringComparer.Ordinal))[link.ComplaintId] = link;
        return Task.CompletedTask;
    }

    public Task RemoveLinkAsync(string incidentId, string complaintId, CancellationToken cancellationToken)
    {
        if (_links.TryGetValue(incidentId, out var links))
        {
            links.TryRemove(complaintId, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IncidentLink>> LinksAsync(string incidentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IncidentLink>>(_links.TryGetValue(incidentId, out var links) ? [.. links.Values.OrderBy(l => l.ComplaintId, StringComparer.Ordinal)] : []);

    private string NextVersion() => $"v{Interlocked.Increment(ref _version)}";
}
