using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IRawPayloadStore"/> over a dictionary: the last payload saved under a name wins, as a blob upload would.
/// As <see cref="IPayloadArchive"/> it reads a payload (null when gone) and lists names under a prefix.
/// </summary>
public sealed class InMemoryRawPayloadStore : IRawPayloadStore, IPayloadArchive
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (byte[] Content, string ContentType)> _payloads = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _payloads.Keys];
            }
        }
    }

    public byte[]? Read(string name)
    {
        lock (_gate)
        {
            return _payloads.TryGetValue(name, out var payload) ? payload.Content : null;
        }
    }

    public Task<string> SaveAsync(string name, ReadOnlyMemory<byte> payload, string contentType, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _payloads[name] = (payload.ToArray(), contentType);
        }

        return Task.FromResult(name);
    }

    public Task<StoredPayload?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_payloads.TryGetValue(name, out var payload) ? new StoredPayload(payload.Content.ToArray(), payload.ContentType) : null);
        }
    }

    public Task<IReadOnlyList<string>> NamesUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _payloads.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _payloads.Remove(name);
        }

        return Task.CompletedTask;
    }
}
