using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="IEmailSuppressions"/> as the table keeps it: one row per address, with what suppressed it.</summary>
public sealed class InMemoryEmailSuppressions : IEmailSuppressions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _addresses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each suppressed address and its reason (<c>bounced</c>, <c>spam-report</c>).</summary>
    public IReadOnlyDictionary<string, string> Addresses
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_addresses, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    public Task<bool> IsSuppressedAsync(string email, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_addresses.ContainsKey(email));
        }
    }

    public Task SuppressAsync(string email, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _addresses[email] = reason;
        }

        return Task.CompletedTask;
    }
}
