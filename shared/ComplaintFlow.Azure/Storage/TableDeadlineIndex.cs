using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Table <c>Deadlines</c>: PartitionKey = the UTC hour the deadline falls due (<c>yyyyMMddHH</c>), RowKey =
/// <c>{dueTicks:D19}|{complaintId}|{clock}:{kind}</c>. Rows hold a snapshot of the queue fields of the complaint.
/// </summary>
public sealed class TableDeadlineIndex(TableClient table) : IDeadlineIndex
{
    public static string BucketOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string RowKeyOf(DeadlineEntry entry) =>
        $"{entry.DueAt.UtcTicks:D19}|{entry.ComplaintId}|{entry.Clock}:{entry.Kind}";

    /// <summary>Actions one entity-group transaction may hold.</summary>
    private const int MaxTransactionActions = 100;

    /// <summary>
    /// One request per due-hour bucket: rows that share a bucket (clocks of one complaint that fall due in the same
    /// hour) go in one transaction of upserts, a lone row as one upsert. Upserts are idempotent, so a transaction
    /// repeated after a lost answer changes nothing.
    /// </summary>
    public async Task AddAsync(IEnumerable<DeadlineEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var bucket in entries.Select(ToEntity).GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            // A transaction may not name a row twice; as one upsert after another, the last one wins.
            var rows = bucket.GroupBy(e => e.RowKey, StringComparer.Ordinal).Select(r => r.Last());
            foreach (var chunk in rows.Chunk(MaxTransactionActions))
            {
                if (chunk.Length == 1)
                {
                    await table.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// One request per bucket, as <see cref="AddAsync"/>. A transaction fails whole when one of its rows is already
    /// gone (a removal repeated after a crash, the sweep's repair first), so that bucket's rows are then deleted one
    /// by one, where a row already gone is fine: removal is idempotent.
    /// </summary>
    public async Task RemoveAsync(IEnumerable<DeadlineEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var bucket in entries.Select(e => (Partition: BucketOf(e.DueAt), Row: RowKeyOf(e))).Distinct().GroupBy(k => k.Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in bucket.Chunk(MaxTransactionActions))
            {
                if (chunk.Length > 1)
                {
                    try
                    {
                        await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), ETag.All)), cancellationToken);
                        continue;
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 404)
                    {
                        // One of them is gone already: fall through to one at a time.
                    }
                }

                foreach (var key in chunk)
                {
                    await table.DeleteEntityAsync(key.Partition, key.Row, ETag.All, cancellationToken);
                }
            }
        }
    }

    public async IAsyncEnumerable<DeadlineEntry> DueByAsync(DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {BucketOf(until)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var entry = FromEntity(entity);
            if (entry.DueAt <= until)
            {
                yield return entry;
            }
        }
    }

    public async IAsyncEnumerable<DeadlineEntry> AllOpenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    private static TableEntity ToEntity(DeadlineEntry entry) => new(BucketOf(entry.DueAt), RowKeyOf(entry))
    {
        ["ComplaintId"] = entry.ComplaintId,
        ["Kind"] = entry.Kind,
        ["Clock"] = entry.Clock,
        ["StartedAt"] = entry.StartedAt,
        ["DueAt"] = entry.DueAt,
        ["Status"] = entry.Status,
        ["Channel"] = entry.Channel,
        ["Priority"] = entry.Priority,
        ["Category"] = entry.Category,
        ["Owner"] = entry.Owner,
        ["WarnedAt"] = entry.WarnedAt,
        ["EscalationTier"] = entry.EscalationTier,
        ["LastEscalatedAt"] = entry.LastEscalatedAt,
        ["HoldingNoticeAt"] = entry.HoldingNoticeAt,
        ["ProgressNoticeAt"] = entry.ProgressNoticeAt,
        ["PausedAt"] = entry.PausedAt,
        ["Escalation"] = entry.Escalation,
        ["NotReached"] = entry.NotReached,
        ["AwaitingSupervisor"] = entry.AwaitingSupervisor,
    };

    private static DeadlineEntry FromEntity(TableEntity entity) => new()
    {
        ComplaintId = entity.GetString("ComplaintId"),
        Kind = entity.GetString("Kind"),
        Clock = entity.GetString("Clock"),
        StartedAt = entity.GetDateTimeOffset("StartedAt") ?? default,
        DueAt = entity.GetDateTimeOffset("DueAt") ?? default,
        Status = entity.GetString("Status"),
        Channel = entity.GetString("Channel"),
        Priority = entity.GetString("Priority"),
        Category = entity.GetString("Category"),
        Owner = entity.GetString("Owner"),
        WarnedAt = entity.GetDateTimeOffset("WarnedAt"),
        EscalationTier = entity.GetInt32("EscalationTier") ?? 0,
        LastEscalatedAt = entity.GetDateTimeOffset("LastEscalatedAt"),
        HoldingNoticeAt = entity.GetDateTimeOffset("HoldingNoticeAt"),
        ProgressNoticeAt = entity.GetDateTimeOffset("ProgressNoticeAt"),
        PausedAt = entity.GetDateTimeOffset("PausedAt"),
        Escalation = entity.GetString("Escalation"),
        NotReached = entity.GetBoolean("NotReached") ?? false,
        AwaitingSupervisor = entity.GetBoolean("AwaitingSupervisor") ?? false,
    };
}
