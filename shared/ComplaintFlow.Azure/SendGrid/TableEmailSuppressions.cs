using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Azure.SendGrid;

/// <summary>
/// Suppressed addresses in table <c>EmailSuppressions</c>: PartitionKey = SHA-256 of the lower-cased address, so the
/// table answers "may we mail this address" with one point read and holds no address in clear (as <c>SmsOptOuts</c>
/// does for numbers). Suppressing again only updates the reason and time: the upsert is idempotent.
/// </summary>
public sealed class TableEmailSuppressions(TableClient table, TimeProvider time) : IEmailSuppressions
{
    private const string RowKey = "email";
    private readonly TableCreation _creation = new(table);

    public async Task<bool> IsSuppressedAsync(string email, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyFor(email), RowKey, select: ["PartitionKey"], cancellationToken: cancellationToken);
        return row.HasValue;
    }

    public async Task SuppressAsync(string email, string reason, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var entity = new TableEntity(PartitionKeyFor(email), RowKey) { ["Reason"] = reason, ["SuppressedAt"] = time.GetUtcNow() };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public static string PartitionKeyFor(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }
}
