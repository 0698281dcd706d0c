using ComplaintFlow.Core.Desk.Search;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="ISearchIndex"/> as the Table index keeps it: rows by term, keys in ordinal order.</summary>
public sealed class InMemorySearchIndex : ISearchIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedSet<string>> _terms = new(StringComparer.Ordinal);

    /// <summary>Range reads made (what a search costs).</summary>
    public int Reads { get; private set; }

    public Task AddAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (!_terms.TryGetValue(entry.Term, out var keys))
                {
                    _terms[entry.Term] = keys = new SortedSet<string>(StringComparer.Ordinal);
                }

                keys.Add(entry.Key);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(IEnumerable<SearchEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (_terms.TryGetValue(entry.Term, out var keys))
                {
                    keys.Remove(entry.Key);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> KeysAsync(string term, string from, bool inclusive, int take, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            IReadOnlyList<string> keys = _terms.TryGetValue(term, out var all)
                ? [.. all.Where(k => inclusive ? string.CompareOrdinal(k, from) >= 0 : string.CompareOrdinal(k, from) > 0).Take(take)]
                : [];
            return Task.FromResult(keys);
        }
    }

    /// <summary>Every row, as (term, complaint id).</summary>
    public IReadOnlyList<SearchEntry> Rows()
    {
        lock (_gate)
        {
            return [.. _terms.SelectMany(t => t.Value.Select(k => new SearchEntry(t.Key, k)))];
        }
    }
}
