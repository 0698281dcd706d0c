using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Azure.Storage;

/// <summary>Container <c>raw-inbound</c>: every inbound payload as received, written before the webhook answers.</summary>
public sealed class BlobRawPayloadStore(BlobContainerClient container) : IRawPayloadStore, IPayloadArchive
{
    public async Task<string> SaveAsync(string name, ReadOnlyMemory<byte> payload, string contentType, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(
            BinaryData.FromBytes(payload),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = StorableContentType(contentType) } },
            cancellationToken);
        return name;
    }

    public async Task<StoredPayload?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return new StoredPayload(content.Value.Content.ToMemory(), content.Value.Details.ContentType ?? "application/octet-stream");
        }
        catch (global::Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> NamesUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>
    /// Blob headers are ASCII only, and a mail part's Content-Type is whatever the sender wrote: a non-ASCII one is
    /// stored as octet-stream (the bytes are kept as received either way).
    /// </summary>
    private static string StorableContentType(string contentType) =>
        contentType.All(c => c is >= ' ' and <= '~') ? contentType : "application/octet-stream";
}
