using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Container <c>reports</c>: each weekly report's CSV (<c>weekly/2026-W10.csv</c>), with the recipients it went to
/// as metadata <c>sent_{hash}</c> (the address itself is not written, <see cref="WeeklyReports.Hash"/>).
/// </summary>
public sealed class BlobReportArchive(BlobContainerClient container) : IReportArchive
{
    private const string SentPrefix = "sent_";

    public async Task<IReadOnlySet<string>> SentToAsync(string name, CancellationToken cancellationToken)
    {
        var metadata = await MetadataAsync(name, cancellationToken);
        return metadata is null
            ? new HashSet<string>()
            : metadata.Value.Metadata.Keys.Where(k => k.StartsWith(SentPrefix, StringComparison.OrdinalIgnoreCase)).Select(k => k[SentPrefix.Length..].ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    public async Task SaveAsync(string name, string csv, CancellationToken cancellationToken)
    {
        var existing = await MetadataAsync(name, cancellationToken);
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(csv),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                // Replacing the CSV keeps the record of whom it went to; a report saved meanwhile by another run wins.
                Metadata = existing?.Metadata,
                Conditions = existing is { } e ? new BlobRequestConditions { IfMatch = e.ETag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            },
            cancellationToken);
    }

    public async Task MarkSentAsync(string name, string recipientHash, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        for (var attempt = 1; ; attempt++)
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var metadata = new Dictionary<string, string>(properties.Metadata) { [SentPrefix + recipientHash] = "1" };
            try
            {
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 5)
            {
                // Another writer changed it between the read and the write: read again.
            }
        }
    }

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return Encoding.UTF8.GetString(content.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<(IDictionary<string, string> Metadata, ETag ETag)?> MetadataAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return (properties.Metadata, properties.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
