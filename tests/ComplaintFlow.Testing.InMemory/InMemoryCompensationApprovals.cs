using System.Collections.Concurrent;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="ICompensationApprovalIndex"/> keyed as the table keys its rows: one per complaint.</summary>
public sealed class InMemoryCompensationApprovals : ICompensationApprovalIndex
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _rows = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> ComplaintIds => [.. _rows.Keys];

    public Task AddAsync(string complaintId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _rows[complaintId] = at;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string complaintId, CancellationToken cancellationToken)
    {
        _rows.TryRemove(complaintId, out _);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<(string ComplaintId, DateTimeOffset At)> AllAsync(CancellationToken cancellationToken) =>
        _rows.Select(r => (r.Key, r.Value)).ToArray().ToAsyncEnumerable();
}
