using System.Globalization;
using Azure;
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
            held.Add(Read(blob.Name, blob.Metadata.AsReadOnly(), blob.Properties.CreatedOn, blob.Properties.ContentType, blob.Properties.ContentLength));
            if (held.Count >= max)
            {
                break;
            }
        }

        return held;
    }

    public async Task<QuarantinedPayload?> FindAsync(string blobName, CancellationToken cancellationToken)
    {
        if (!blobName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var properties = (await container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return Read(blobName, properties.Metadata.AsReadOnly(), properties.CreatedOn, properties.ContentType, properties.ContentLength);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<QuarantineDecision> DecideAsync(string blobName, QuarantineDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var blob = container.GetBlobClient(blobName);
        while (true)
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (DecisionOf(properties.Metadata.AsReadOnly()) is { } made)
            {
                return made;
            }

            // Metadata is replaced whole: the hold's own keys are kept, the decision's added, only if nobody decided since.
            var metadata = new Dictionary<string, string>(properties.Metadata)
            {
                ["decision"] = decision.Action,
                ["decidedby"] = Uri.EscapeDataString(decision.By),
                ["decidedat"] = decision.At.ToString("o", CultureInfo.InvariantCulture),
            };
            if (decision.Reason is not null)
            {
                metadata["decisionreason"] = Uri.EscapeDataString(decision.Reason);
            }

            if (decision.ComplaintId is not null)
            {
                metadata["complaint"] = decision.ComplaintId;
            }

            try
            {
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
                return decision;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone decided (or the blob changed) in between: read again; their decision stands.
            }
        }
    }

    private static QuarantinedPayload Read(string name, IReadOnlyDictionary<string, string> metadata, DateTimeOffset? createdOn, string? contentType, long? size) => new()
    {
        BlobName = name,
        Channel = metadata.GetValueOrDefault("channel") ?? "unknown",
        Reason = metadata.GetValueOrDefault("reason") ?? "unknown",
        Detail = metadata.TryGetValue("detail", out var detail) ? Uri.UnescapeDataString(detail) : null,
        Sender = metadata.TryGetValue("sender", out var sender) ? Uri.UnescapeDataString(sender) : null,
        ReceivedAt = DateTimeOffset.TryParse(metadata.GetValueOrDefault("receivedat"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : createdOn ?? DateTimeOffset.MinValue,
        ContentType = contentType ?? "application/octet-stream",
        Size = size ?? 0,
        Decision = DecisionOf(metadata),
    };

    private static QuarantineDecision? DecisionOf(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("decision", out var action)
            ? new QuarantineDecision
            {
                Action = action,
                By = Uri.UnescapeDataString(metadata.GetValueOrDefault("decidedby") ?? string.Empty),
                At = DateTimeOffset.TryParse(metadata.GetValueOrDefault("decidedat"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue,
                Reason = metadata.TryGetValue("decisionreason", out var reason) ? Uri.UnescapeDataString(reason) : null,
                ComplaintId = metadata.GetValueOrDefault("complaint"),
            }
            : null;
}
