using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Azure.Desk;

/// <summary>
/// Table <c>Incidents</c>. PartitionKey <c>incident</c>, RowKey = incident id: the incident as JSON (column
/// <c>State</c>), updated under its ETag; a desk has a handful of incidents at a time, so one partition read lists
/// them all. PartitionKey <c>links|{incident id}</c>, RowKey = complaint id, column <c>ReceivedAt</c>: the index of
/// the complaints linked to the incident, one partition per incident, so its update or resolution finds them without
/// a scan. The link itself is on the complaint; a row is an upsert (safe to repeat) and a stale one is skipped by
/// the reader, who checks the complaint.
/// </summary>
public sealed class TableIncidentStore(TableClient table) : IIncidentStore
{
    private const string IncidentPartition = "incident";
    private const string LinkPrefix = "links|";
    private readonly TableCreation _creation = new(table);

    public async Task<bool> TryCreateAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        await _creation.EnsureAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(incident), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<VersionedIncident?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!IsKey(id))
        {
            return null;
        }

        await _creation.EnsureAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(IncidentPartition, id, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new VersionedIncident(FromEntity(entity), entity.ETag.ToString()) : null;
    }

    public async Task<VersionedIncident> SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(incident), new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            return new VersionedIncident(incident, response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new IncidentConflictException(incident.Id);
        }
    }

    public async Task<IReadOnlyList<Incident>> ListAsync(CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var incidents = new List<Incident>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {IncidentPartition}"), cancellationToken: cancellationToken))
        {
            incidents.Add(FromEntity(row));
        }

        return [.. incidents.OrderByDescending(i => i.OpenedAt)];
    }

    public async Task IndexLinkAsync(string incidentId, IncidentLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await _creation.EnsureAsync(cancellationToken);
        var entity = new TableEntity(LinkPrefix + incidentId, link.ComplaintId) { ["ReceivedAt"] = link.ReceivedAt.ToUniversalTime() };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveLinkAsync(string incidentId, string complaintId, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        await table.DeleteEntityAsync(LinkPrefix + incidentId, complaintId, ETag.All, cancellationToken);
    }

    public async Task<IReadOnlyList<IncidentLink>> LinksAsync(string incidentId, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var links = new List<IncidentLink>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LinkPrefix + incidentId}"), cancellationToken: cancellationToken))
        {
            links.Add(new IncidentLink(row.RowKey, row.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue));
        }

        return links;
    }

    private static TableEntity ToEntity(Incident incident) =>
        new(IncidentPartition, incident.Id) { ["State"] = JsonSerializer.Serialize(incident, ComplaintJson.Options) };

    private static Incident FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<Incident>(entity.GetString("State") ?? "null", ComplaintJson.Options)
        ?? throw new InvalidOperationException($"Incident row {entity.RowKey} has no state.");

    /// <summary>An id a RowKey can hold: the ids this app makes (<c>inc-20261207-1a2b3c4d</c>) and nothing with '/', '\', '#', '?'.</summary>
    private static bool IsKey(string id) => id.Length <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
