using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Azure.Desk;

/// <summary>
/// Table <c>CompensationApprovals</c>: PartitionKey <c>awaiting</c> (compensation awaiting approval is a short list:
/// one partition read lists it), RowKey = the complaint id, column <c>At</c>. Adding is an upsert and removing a row
/// that is gone is fine, so both are safe to repeat.
/// </summary>
public sealed class TableCompensationApprovals(TableClient table) : ICompensationApprovalIndex
{
    private const string Partition = "awaiting";
    private readonly TableCreation _creation = new(table);

    public async Task AddAsync(string complaintId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, complaintId) { ["At"] = at.ToUniversalTime() }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveAsync(string complaintId, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        await table.DeleteEntityAsync(Partition, complaintId, ETag.All, cancellationToken);
    }

    public async IAsyncEnumerable<(string ComplaintId, DateTimeOffset At)> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            yield return (row.RowKey, row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);
        }
    }
}
