using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IQuarantine"/> as the Blob quarantine keeps it: every payload held under a name of its own (holding the
/// same payload twice keeps two), listed newest first, with the payload kept as received. Given the raw payload store,
/// it keeps the payload there too under its blob name, as the Blob quarantine shares the <c>raw-inbound</c> container.
/// </summary>
public sealed class InMemoryQuarantine(TimeProvider time, InMemoryRawPayloadStore? container = null) : IQuarantine
{
    private readonly Lock _gate = new();
    private readonly List<(QuarantinedPayload Held, byte[] Content)> _held = [];

    /// <summary>Everything held, oldest first.</summary>
    public IReadOnlyList<QuarantinedPayload> Held
    {
        get
        {
            lock (_gate)
            {
                return [.. _held.Select(h => h.Held)];
            }
        }
    }

    public byte[] Content(QuarantinedPayload held)
    {
        lock (_gate)
        {
            return _held.Single(h => h.Held.BlobName == held.BlobName).Content;
        }
    }

    public async Task<QuarantinedPayload> HoldAsync(string channel, string reason, string? detail, string? sender, RawPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var now = time.GetUtcNow();
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var held = new QuarantinedPayload
        {
            BlobName = $"quarantine/{inverted}-{channel}-{Guid.NewGuid():N}.{payload.Extension}",
            Channel = channel,
            Reason = reason,
            Detail = detail,
            Sender = sender,
            ReceivedAt = now,
            ContentType = payload.ContentType,
            Size = payload.Content.Length,
        };
        lock (_gate)
        {
            _held.Add((held, payload.Content.ToArray()));
        }

        if (container is not null)
        {
            await container.SaveAsync(held.BlobName, payload.Content, payload.ContentType, cancellationToken);
        }

        return held;
    }

    public Task<QuarantinedPayload?> FindAsync(string blobName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_held.Select(h => h.Held).FirstOrDefault(h => h.BlobName == blobName));
        }
    }

    public Task<QuarantineDecision> DecideAsync(string blobName, QuarantineDecision decision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var i = _held.FindIndex(h => h.Held.BlobName == blobName);
            if (_held[i].Held.Decision is { } made)
            {
                return Task.FromResult(made);
            }

            _held[i] = (_held[i].Held with { Decision = decision }, _held[i].Content);
            return Task.FromResult(decision);
        }
    }

    public Task<IReadOnlyList<QuarantinedPayload>> ListAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<QuarantinedPayload> list = [.. _held.Select(h => h.Held).OrderBy(h => h.BlobName, StringComparer.Ordinal).Take(max)];
            return Task.FromResult(list);
        }
    }
}
