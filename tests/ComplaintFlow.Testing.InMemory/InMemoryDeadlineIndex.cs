using System.Runtime.CompilerServices;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IDeadlineIndex"/> keyed as the Table index keys its rows (due time, complaint, clock and kind), so an
/// upsert replaces a row's snapshot and a removal of a row that is gone is fine.
/// </summary>
public sealed class InMemoryDeadlineIndex : IDeadlineIndex
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, DeadlineEntry> _rows = new(StringComparer.Ordinal);

    public Task AddAsync(IEnumerable<DeadlineEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _rows[KeyOf(entry)] = entry;
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(IEnumerable<DeadlineEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _rows.Remove(KeyOf(entry));
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<DeadlineEntry> DueByAsync(DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var entry in Snapshot().Where(e => e.DueAt <= until))
        {
            yield return entry;
        }
    }

    public async IAsyncEnumerable<DeadlineEntry> AllOpenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var entry in Snapshot())
        {
            yield return entry;
        }
    }

    private List<DeadlineEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rows.Values];
        }
    }

    /// <summary>Sorts by due time first, as the Table index's row keys do.</summary>
    private static string KeyOf(DeadlineEntry entry) => $"{entry.DueAt.UtcTicks:D19}|{entry.ComplaintId}|{entry.Clock}:{entry.Kind}";
}
