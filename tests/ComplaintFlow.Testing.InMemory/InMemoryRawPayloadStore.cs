using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="IRawPayloadStore"/> over a dictionary: the last payload saved under a name wins, as a blob upload would.</summary>
public sealed class InMemoryRawPayloadStore : IRawPayloadStore
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

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _payloads.Remove(name);
        }

        return Task.CompletedTask;
    }
}
