using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Azure.Twilio;

/// <summary>
/// The rows tables <c>SmsThreads</c> and <c>SmsOptOuts</c> hold for a number, for data subject requests. An erasure
/// removes the thread row (so a later text starts a new complaint) and keeps the opt-out row: it is the record that
/// the number must not be texted, which the customer's own instruction requires us to keep.
/// </summary>
public sealed class TableSmsRecords(TableClient threads, TableClient optOuts) : ISmsRecords
{
    private const string ThreadRow = "thread";
    private const string OptOutRow = "sms";

    public async Task<IReadOnlyList<StoredRow>> RowsForAsync(string e164, CancellationToken cancellationToken)
    {
        var key = TableSmsOptOuts.PartitionKeyFor(e164);
        var rows = new List<StoredRow>();
        foreach (var (table, rowKey) in new[] { (threads, ThreadRow), (optOuts, OptOutRow) })
        {
            if (await FindAsync(table, key, rowKey, cancellationToken) is { } entity)
            {
                rows.Add(new StoredRow(table.Name, entity
                    .Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey"))
                    .ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty)));
            }
        }

        return rows;
    }

    public async Task ForgetThreadAsync(string e164, IReadOnlySet<string> complaintIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintIds);
        var key = TableSmsOptOuts.PartitionKeyFor(e164);
        if (await FindAsync(threads, key, ThreadRow, cancellationToken) is { } row && complaintIds.Contains(row.GetString("ComplaintId") ?? string.Empty))
        {
            try
            {
                // Only the row as read: a text that threaded a newer complaint meanwhile keeps its row.
                await threads.DeleteEntityAsync(key, ThreadRow, row.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or now about another complaint.
            }
        }
    }

    private static async Task<TableEntity?> FindAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return row.HasValue ? row.Value : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The table itself does not exist yet: no number has texted.
            return null;
        }
    }
}
