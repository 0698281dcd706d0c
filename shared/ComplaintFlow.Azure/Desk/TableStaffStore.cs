using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Azure.Desk;

/// <summary>
/// Staff seen signing in to the desk, in table <c>Staff</c>: PartitionKey <c>staff</c> (a desk has hundreds of people
/// at most: one partition read lists them), RowKey = the user id (lower-case, escaped where Azure Tables forbids a
/// character), columns <c>Id</c>, <c>Name</c>, <c>Supervisor</c>, <c>LastSeen</c>. Recording is an upsert, so a
/// repeated sign-in is one row.
/// </summary>
public sealed class TableStaffStore(TableClient table) : IStaffStore
{
    private const string Partition = "staff";
    private readonly TableCreation _creation = new(table);

    public async Task RecordAsync(StaffMember staff, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await _creation.EnsureAsync(cancellationToken);
        var entity = new TableEntity(Partition, RowKeyOf(staff.Id))
        {
            ["Id"] = staff.Id,
            ["Name"] = staff.Name,
            ["Supervisor"] = staff.IsSupervisor,
            ["LastSeen"] = seenAt.ToUniversalTime(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<KnownStaff>> ListAsync(CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var staff = new List<KnownStaff>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            staff.Add(Read(row));
        }

        return staff;
    }

    public async Task<KnownStaff?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await _creation.EnsureAsync(cancellationToken);
        try
        {
            return Read((await table.GetEntityAsync<TableEntity>(Partition, RowKeyOf(id), cancellationToken: cancellationToken)).Value);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static KnownStaff Read(TableEntity row) =>
        new(row.GetString("Id") ?? row.RowKey, row.GetString("Name") ?? row.RowKey, row.GetBoolean("Supervisor") ?? false, row.GetDateTimeOffset("LastSeen"), Listed: false);

    /// <summary>Ids compare without case; '/', '\', '#', '?' and control characters are not allowed in a RowKey.</summary>
    private static string RowKeyOf(string id) => Uri.EscapeDataString(id.Trim().ToLowerInvariant());
}
