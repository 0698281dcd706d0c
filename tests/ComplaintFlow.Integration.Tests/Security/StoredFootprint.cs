using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>Everything a webhook could have written: raw payload blobs (quarantine included) and complaints (their state rows; history rows grow as Triage and Notify work on earlier ones).</summary>
internal sealed record StoredFootprint(int RawBlobs, int Complaints)
{
    public static async Task<StoredFootprint> OfAsync(AppHost host)
    {
        var blobs = new BlobServiceClient(host.Azurite.ConnectionString).GetBlobContainerClient($"{host.Prefix}-{ContainerNames.RawInbound}");
        var table = new TableServiceClient(host.Azurite.ConnectionString).GetTableClient(host.Prefix + TableNames.Complaints);
        var rawBlobs = 0;
        await foreach (var _ in blobs.GetBlobsAsync())
        {
            rawBlobs++;
        }

        var rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>("RowKey eq 'complaint'", select: ["PartitionKey"]))
        {
            rows++;
        }

        return new StoredFootprint(rawBlobs, rows);
    }
}
