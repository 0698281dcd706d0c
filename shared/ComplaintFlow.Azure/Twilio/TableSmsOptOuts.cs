using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Azure.Twilio;

/// <summary>
/// Opt-outs in table <c>SmsOptOuts</c>: PartitionKey = SHA-256 of the E.164 number, so the table answers "is this
/// number opted out" with one point read and holds no phone number in clear. Opting back in keeps the row (with
/// the time of each change) as the record of consent.
/// </summary>
public sealed class TableSmsOptOuts(TableClient table, TimeProvider time) : ISmsOptOuts
{
    public const string TableName = Storage.TableNames.SmsOptOuts;
    private const string RowKey = "sms";
    private readonly TableCreation _creation = new(table);

    public async Task<bool> IsOptedOutAsync(string e164, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyFor(e164), RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetBoolean("OptedOut") == true;
    }

    public Task OptOutAsync(string e164, string keyword, CancellationToken cancellationToken) =>
        WriteAsync(e164, optedOut: true, keyword, cancellationToken);

    public Task OptInAsync(string e164, CancellationToken cancellationToken) =>
        WriteAsync(e164, optedOut: false, keyword: null, cancellationToken);

    /// <summary>The partition key for a number; the same hash the Contacts table uses for phone identities.</summary>
    public static string PartitionKeyFor(string e164)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e164);
        if (!e164.StartsWith('+'))
        {
            throw new ArgumentException("Expected an E.164 number starting with '+'.", nameof(e164));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e164)));
    }

    private async Task WriteAsync(string e164, bool optedOut, string? keyword, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var entity = new TableEntity(PartitionKeyFor(e164), RowKey)
        {
            ["OptedOut"] = optedOut,
            [optedOut ? "OptedOutAt" : "OptedInAt"] = time.GetUtcNow(),
        };
        if (keyword is not null)
        {
            entity["Keyword"] = keyword;
        }

        // Merge keeps the time of the previous change next to this one.
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }
}
