using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Azure.Storage;

/// <summary>Container <c>raw-inbound</c>: every inbound payload as received, written before the webhook answers.</summary>
public sealed class BlobRawPayloadStore(BlobContainerClient container) : IRawPayloadStore
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

    /// <summary>
    /// Blob headers are ASCII only, and a mail part's Content-Type is whatever the sender wrote: a non-ASCII one is
    /// stored as octet-stream (the bytes are kept as received either way).
    /// </summary>
    private static string StorableContentType(string contentType) =>
        contentType.All(c => c is >= ' ' and <= '~') ? contentType : "application/octet-stream";
}
