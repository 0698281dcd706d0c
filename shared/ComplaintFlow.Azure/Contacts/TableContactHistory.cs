using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Azure.Contacts;

/// <summary>
/// Table <c>Contacts</c>: PartitionKey = SHA-256 hex of the normalised email or E.164 phone, RowKey = complaint id,
/// column <c>ReceivedAt</c>. One partition per identity: a repeat contact is one partition read, never a scan, and
/// an email complaint and an SMS complaint from the same person meet when the person gave both. The hash keeps
/// addresses and numbers out of the keys.
/// </summary>
public sealed class TableContactHistory(TableClient table) : IContactHistory, IContactDirectory
{
    public async Task RecordAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        foreach (var key in KeysOf(complaint.Contact))
        {
            var entity = new TableEntity(key, complaint.Id)
            {
                ["ReceivedAt"] = complaint.ReceivedAt.ToUniversalTime(),
                ["Channel"] = complaint.Channel.ToString(),
            };

            // Upsert: the same complaint recorded twice (a redelivered message) is one row.
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<int> CountEarlierAsync(ContactDetails contact, string complaintId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Complaint id → received at, across the identities (one person may be found under both email and phone).
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var key in KeysOf(contact))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and ReceivedAt ge {since.ToUniversalTime()}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReceivedAt"], cancellationToken: cancellationToken))
            {
                if (row.GetDateTimeOffset("ReceivedAt") is { } at)
                {
                    seen[row.RowKey] = at;
                }
            }
        }

        // "Earlier" means before this complaint: a later one must not count when this one is scored again.
        var until = seen.TryGetValue(complaintId, out var own) ? own : DateTimeOffset.MaxValue;
        return seen.Count(s => s.Key != complaintId && s.Value <= until);
    }

    public async Task<IReadOnlyList<string>> ComplaintIdsAsync(ContactDetails contact, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in KeysOf(contact))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), select: ["RowKey"], cancellationToken: cancellationToken))
            {
                ids.Add(row.RowKey);
            }
        }

        return [.. ids];
    }

    public async Task ForgetAsync(ContactDetails contact, string complaintId, CancellationToken cancellationToken)
    {
        foreach (var key in KeysOf(contact))
        {
            try
            {
                await table.DeleteEntityAsync(key, complaintId, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already forgotten: an erasure being retried.
            }
        }
    }

    /// <summary>Partition keys for a contact: one per identity it has (<see cref="ContactDetails.Identities"/>), hashed.</summary>
    public static IEnumerable<string> KeysOf(ContactDetails contact) => contact.Identities().Select(Hash);

    private static string Hash(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
}
