using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Intake.Sms;

namespace ComplaintFlow.Azure.Twilio;

/// <summary>
/// Table <c>SmsThreads</c>: one row per number (PartitionKey = SHA-256 of the E.164 number, as in <c>SmsOptOuts</c>,
/// so no number is stored in clear) naming the complaint it last texted about.
/// </summary>
public sealed class TableSmsThreads(TableClient table) : ISmsThreads
{
    public const string TableName = Storage.TableNames.SmsThreads;
    private const string RowKey = "thread";
    private readonly TableCreation _creation = new(table);

    public async Task<VersionedSmsThread?> FindAsync(string e164, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableSmsOptOuts.PartitionKeyFor(e164), RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("ComplaintId") is { } id && row.Value.GetDateTimeOffset("LastTextAt") is { } at
            ? new VersionedSmsThread(new SmsThread(id, at), row.Value.ETag.ToString())
            : null;
    }

    /// <summary>An insert (409 when the row exists) or a replace conditional on the ETag read (412 when it moved on).</summary>
    public async Task<bool> TryClaimAsync(string e164, SmsThread thread, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        await _creation.EnsureAsync(cancellationToken);
        var entity = Row(e164, thread);
        try
        {
            if (expectedVersion is null)
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await table.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Points the number's thread at a complaint, unless the thread already records a later text: a text delivered
    /// late (a webhook retry, a slower instance) must not point the thread back at an older complaint. Conditional on
    /// the ETag read, re-read and re-decided when another text was recorded in between.
    /// </summary>
    public async Task RecordAsync(string e164, SmsThread thread, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        await _creation.EnsureAsync(cancellationToken);
        var entity = Row(e164, thread);
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, RowKey, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }
                else if (!(current.Value!.GetDateTimeOffset("LastTextAt") > thread.LastTextAt))
                {
                    await table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 10)
            {
                // Another text was recorded since the read: decide again against it.
            }
        }
    }

    private static TableEntity Row(string e164, SmsThread thread) =>
        new(TableSmsOptOuts.PartitionKeyFor(e164), RowKey) { ["ComplaintId"] = thread.ComplaintId, ["LastTextAt"] = thread.LastTextAt };
}
