using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Quarantine under <c>quarantine/</c> in container <c>raw-inbound</c>: the payload as received, with the channel,
/// reason and time in the blob's metadata, so the portal lists the queue without reading any payload.
/// </summary>
public sealed class BlobQuarantine(BlobContainerClient container, TimeProvider time) : IQuarantine
{
    public const string Prefix = "quarantine/";

    public async Task<QuarantinedPayload> HoldAsync(string channel, string reason, string? detail, string? sender, RawPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var now = time.GetUtcNow();
        // Newest first in listing order: the name starts with the ticks left until year 9999.
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var name = $"{Prefix}{inverted}-{channel}-{Guid.NewGuid():N}.{payload.Extension}";
        var metadata = new Dictionary<string, string>
        {
            ["channel"] = channel,
            ["reason"] = reason,
            ["receivedat"] = now.ToString("o", CultureInfo.InvariantCulture),
        };
        if (detail is not null)
        {
            // Metadata is ASCII only; the detail names fields, so escaping loses nothing a person needs.
            metadata["detail"] = Uri.EscapeDataString(detail);
        }

        if (sender is not null)
        {
            metadata["sender"] = Uri.EscapeDataString(sender);
        }

        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(payload.Content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = payload.ContentType }, Metadata = metadata },
            cancellationToken);
        return new QuarantinedPayload
        {
            BlobName = name,
            Channel = channel,
            Reason = reason,
            Detail = detail,
            Sender = sender,
            ReceivedAt = now,
            ContentType = payload.ContentType,
            Size = payload.Content.Length,
        };
    }

    public async Task<IReadOnlyList<QuarantinedPayload>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var held = new List<QuarantinedPayload>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, Prefix, cancellationToken))
        {
            IReadOnlyDictionary<string, string> metadata = blob.Metadata.AsReadOnly();
            held.Add(new QuarantinedPayload
            {
                BlobName = blob.Name,
                Channel = metadata.GetValueOrDefault("channel") ?? "unknown",
                Reason = metadata.GetValueOrDefault("reason") ?? "unknown",
                Detail = metadata.TryGetValue("detail", out var detail) ? Uri.UnescapeDataString(detail) : null,
                Sender = metadata.TryGetValue("sender", out var sender) ? Uri.UnescapeDataString(sender) : null,
                ReceivedAt = DateTimeOffset.TryParse(metadata.GetValueOrDefault("receivedat"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    ? at
                    : blob.Properties.CreatedOn ?? DateTimeOffset.MinValue,
                ContentType = blob.Properties.ContentType ?? "application/octet-stream",
                Size = blob.Properties.ContentLength ?? 0,
            });
            if (held.Count >= max)
            {
                break;
            }
        }

        return held;
    }
}
