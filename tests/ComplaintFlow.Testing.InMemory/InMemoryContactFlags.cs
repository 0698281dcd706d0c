using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="IContactFlagStore"/> keyed as the table keys its rows: each identity of the contact (email folded, phone as digits).</summary>
public sealed class InMemoryContactFlags : IContactFlagStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, ContactFlag>> _rows = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<ContactFlag>> ForAsync(ContactDetails contact, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var flags = new Dictionary<string, ContactFlag>(StringComparer.Ordinal);
            foreach (var flag in KeysOf(contact).Where(_rows.ContainsKey).SelectMany(k => _rows[k].Values))
            {
                if (!flags.TryGetValue(flag.Id, out var seen) || seen.LiftedAt is null)
                {
                    flags[flag.Id] = flag;
                }
            }

            return Task.FromResult<IReadOnlyList<ContactFlag>>([.. flags.Values.OrderBy(f => f.SetAt)]);
        }
    }

    public Task SaveAsync(ContactDetails contact, ContactFlag flag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Every identity the flag was written under, as the table keeps them: a lift reaches all its copies.
            var keys = KeysOf(contact).Concat(_rows.Where(r => r.Value.ContainsKey(flag.Id)).Select(r => r.Key)).Distinct().ToList();
            foreach (var key in keys)
            {
                if (!_rows.TryGetValue(key, out var flags))
                {
                    _rows[key] = flags = new Dictionary<string, ContactFlag>(StringComparer.Ordinal);
                }

                flags[flag.Id] = flag;
            }
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(ContactDetails contact, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in KeysOf(contact))
            {
                _rows.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<string> KeysOf(ContactDetails contact) => contact.Identities();
}
