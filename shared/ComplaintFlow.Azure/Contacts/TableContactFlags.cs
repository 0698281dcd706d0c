using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Azure.Contacts;

/// <summary>
/// Table <c>ContactFlags</c>: PartitionKey = the contact identity's hash (the same keys as <c>Contacts</c>, so a
/// flag set on a complaint given by email and phone is found from either), RowKey = the flag's id, column <c>Flag</c>
/// = the flag as JSON. A contact's flags are one partition read per identity; the hash keeps addresses and numbers
/// out of the keys.
/// </summary>
public sealed class TableContactFlags(TableClient table) : IContactFlagStore
{
    public async Task<IReadOnlyList<ContactFlag>> ForAsync(ContactDetails contact, CancellationToken cancellationToken)
    {
        var flags = new Dictionary<string, ContactFlag>(StringComparer.Ordinal);
        foreach (var key in TableContactHistory.KeysOf(contact))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken))
            {
                if (row.GetString("Flag") is { } json && JsonSerializer.Deserialize<ContactFlag>(json, ComplaintJson.Options) is { } flag
                    && (!flags.TryGetValue(flag.Id, out var seen) || seen.LiftedAt is null))
                {
                    // One flag held under two identities: the lifted copy wins (a lift reaches both, one may lag).
                    flags[flag.Id] = flag;
                }
            }
        }

        return [.. flags.Values.OrderBy(f => f.SetAt)];
    }

    public async Task SaveAsync(ContactDetails contact, ContactFlag flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        // Every identity the flag was ever written under: a lift recorded on a complaint that gave only the phone
        // must also reach the copy written under the email of the complaint the flag was set on.
        var keys = new SortedSet<string>(TableContactHistory.KeysOf(contact), StringComparer.Ordinal);
        foreach (var key in keys.ToList())
        {
            try
            {
                var row = await table.GetEntityAsync<TableEntity>(key, flag.Id, ["Keys"], cancellationToken);
                keys.UnionWith((row.Value.GetString("Keys") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not written under this identity yet.
            }
        }

        var json = JsonSerializer.Serialize(flag, ComplaintJson.Options);
        foreach (var key in keys)
        {
            var entity = new TableEntity(key, flag.Id) { ["Flag"] = json, ["Keys"] = string.Join(',', keys) };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task ForgetAsync(ContactDetails contact, CancellationToken cancellationToken)
    {
        foreach (var key in TableContactHistory.KeysOf(contact))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), select: ["RowKey"], cancellationToken: cancellationToken))
            {
                try
                {
                    await table.DeleteEntityAsync(key, row.RowKey, ETag.All, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Already gone: an erasure being retried.
                }
            }
        }
    }
}
