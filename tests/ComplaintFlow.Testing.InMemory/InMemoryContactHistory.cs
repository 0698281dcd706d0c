using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IContactHistory"/> with the Table history's identities: a contact is found by its email (case folded)
/// and by its phone (a plus and digits), whichever channel the complaint came by. As <see cref="IContactDirectory"/>
/// it lists an identity's complaints (ordinal order) and forgets rows, a row already gone being fine.
/// </summary>
public sealed class InMemoryContactHistory : IContactHistory, IContactDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _rows = new(StringComparer.Ordinal);

    public Task RecordAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in KeysOf(complaint.Contact))
            {
                if (!_rows.TryGetValue(key, out var complaints))
                {
                    _rows[key] = complaints = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                }

                complaints[complaint.Id] = complaint.ReceivedAt;
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountEarlierAsync(ContactDetails contact, string complaintId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var key in KeysOf(contact).Where(_rows.ContainsKey))
            {
                foreach (var (id, at) in _rows[key].Where(r => r.Value >= since))
                {
                    seen[id] = at;
                }
            }

            var until = seen.TryGetValue(complaintId, out var own) ? own : DateTimeOffset.MaxValue;
            return Task.FromResult(seen.Count(s => s.Key != complaintId && s.Value <= until));
        }
    }

    public Task<IReadOnlyList<string>> ComplaintIdsAsync(ContactDetails contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        lock (_gate)
        {
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var key in KeysOf(contact).Where(_rows.ContainsKey))
            {
                ids.UnionWith(_rows[key].Keys);
            }

            return Task.FromResult<IReadOnlyList<string>>([.. ids]);
        }
    }

    public Task ForgetAsync(ContactDetails contact, string complaintId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        lock (_gate)
        {
            foreach (var key in KeysOf(contact).Where(_rows.ContainsKey))
            {
                _rows[key].Remove(complaintId);
            }
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<string> KeysOf(ContactDetails contact) => contact.Identities();
}
