using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Table <c>Complaints</c>: PartitionKey = complaint id; RowKey <c>complaint</c> holds the state as JSON, RowKey
/// <c>event|{seq:D6}</c> the history. A state and its events go in one entity-group transaction, and updates are
/// conditional on the ETag read, so the history never disagrees with the state.
/// </summary>
public sealed class TableComplaintStore(TableClient table) : IComplaintStore, IComplaintCatalog, IComplaintRedaction
{
    private const string StateRow = "complaint";
    private const string EventPrefix = "event|";

    // A string property holds at most 64 KiB (32K UTF-16 chars); larger states are split across State0..StateN.
    private const int ChunkChars = 30_000;

    private const int MaxTransactionActions = 100;

    public async Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken) =>
        await CreateAsync(change, cancellationToken) is not null;

    /// <summary>The creation's answer carries the state row's ETag: the version to write against next, without a read.</summary>
    public async Task<VersionedComplaint?> CreateAsync(ComplaintChange change, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(change.State)) };
        actions.AddRange(change.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(change.State.Id, e))));
        try
        {
            return await CommitAsync(change.State, actions, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    public async Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(id, StateRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new VersionedComplaint(FromEntity(entity), entity.ETag.ToString())
            : null;
    }

    public async Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken)
    {
        var state = ToEntity(change.State);
        state.ETag = new ETag(expectedVersion);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, state, state.ETag) };
        actions.AddRange(change.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(change.State.Id, e))));
        return await CommitAsync(change.State, actions, cancellationToken);
    }

    /// <summary>
    /// The state, its new events and the rewritten history rows in one entity-group transaction (at most 100
    /// operations); rewritten rows beyond what fits go first, on their own, and are written again by a retry.
    /// </summary>
    public async Task<VersionedComplaint> SaveRedactedAsync(ComplaintChange change, string expectedVersion, IReadOnlyList<ComplaintEvent> rewritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(rewritten);
        var room = MaxTransactionActions - 1 - change.Events.Count;
        foreach (var e in rewritten.Skip(room))
        {
            await table.UpsertEntityAsync(ToEntity(change.State.Id, e), TableUpdateMode.Replace, cancellationToken);
        }

        var state = ToEntity(change.State);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, state, new ETag(expectedVersion)) };
        actions.AddRange(change.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(change.State.Id, e))));
        actions.AddRange(rewritten.Take(room).Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(change.State.Id, e), ETag.All)));
        return await CommitAsync(change.State, actions, cancellationToken);
    }

    /// <summary>Submits a transaction whose first action replaces the state row; a version mismatch is a conflict.</summary>
    private async Task<VersionedComplaint> CommitAsync(Complaint state, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken);
            var etag = response.Value[0].Headers.ETag?.ToString()
                ?? (await FindAsync(state.Id, cancellationToken))?.Version
                ?? throw new InvalidOperationException($"Complaint {state.Id} vanished after an update.");
            return new VersionedComplaint(state, etag);
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            throw new ConcurrencyConflictException(state.Id);
        }
    }

    public async Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var events = new List<ComplaintEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {EventPrefix} and RowKey lt {"event}"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(new ComplaintEvent
            {
                Sequence = int.Parse(entity.RowKey[EventPrefix.Length..], CultureInfo.InvariantCulture),
                Type = entity.GetString("Type"),
                At = entity.GetDateTimeOffset("At") ?? default,
                Actor = entity.GetString("Actor"),
                Data = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Data") ?? "{}", ComplaintJson.Options) ?? [],
            });
        }

        return events;
    }

    /// <summary>The dashboard's read: state rows received in the window (a filter on the ReceivedAt column every state row carries).</summary>
    public async IAsyncEnumerable<Complaint> ReceivedBetweenAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow} and ReceivedAt ge {from} and ReceivedAt lt {to}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    private static TableEntity ToEntity(Complaint complaint)
    {
        var entity = new TableEntity(complaint.Id, StateRow)
        {
            ["Status"] = complaint.Status.ToString(),
            ["Channel"] = complaint.Channel.ToString(),
            ["ReceivedAt"] = complaint.ReceivedAt,
            ["Priority"] = complaint.Triage?.Priority.ToString(),
            ["Owner"] = complaint.Owner,
        };
        var json = JsonSerializer.Serialize(complaint, ComplaintJson.Options);
        var chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        entity["StateChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity[$"State{i}"] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }

        return entity;
    }

    private static Complaint FromEntity(TableEntity entity)
    {
        var chunks = entity.GetInt32("StateChunks") ?? 1;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString($"State{i}"));
        }

        return JsonSerializer.Deserialize<Complaint>(json.ToString(), ComplaintJson.Options)
            ?? throw new InvalidOperationException($"Complaint {entity.PartitionKey} has no state.");
    }

    private static TableEntity ToEntity(string complaintId, ComplaintEvent e) => new(complaintId, $"{EventPrefix}{e.Sequence:D6}")
    {
        ["Type"] = e.Type,
        ["At"] = e.At,
        ["Actor"] = e.Actor,
        ["Data"] = JsonSerializer.Serialize(e.Data, ComplaintJson.Options),
    };
}
