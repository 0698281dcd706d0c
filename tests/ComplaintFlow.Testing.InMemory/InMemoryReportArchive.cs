using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="IReportArchive"/> in a dictionary: the CSV and the recipients it went to, per report name.</summary>
public sealed class InMemoryReportArchive : IReportArchive
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Csv, HashSet<string> Sent)> _reports = new(StringComparer.Ordinal);

    public Task<IReadOnlySet<string>> SentToAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<string>>(_reports.TryGetValue(name, out var report) ? new HashSet<string>(report.Sent) : []);
        }
    }

    public Task SaveAsync(string name, string csv, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reports[name] = (csv, _reports.TryGetValue(name, out var old) ? old.Sent : []);
        }

        return Task.CompletedTask;
    }

    public Task MarkSentAsync(string name, string recipientHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reports[name].Sent.Add(recipientHash);
        }

        return Task.CompletedTask;
    }

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_reports.TryGetValue(name, out var report) ? report.Csv : null);
        }
    }
}

/// <summary><see cref="IComplaintCatalog"/> over an <see cref="InMemoryComplaintStore"/>: every complaint received in the window.</summary>
public sealed class InMemoryComplaintCatalog(InMemoryComplaintStore store) : IComplaintCatalog
{
    public IAsyncEnumerable<Complaint> ReceivedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        store.All().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to).ToAsyncEnumerable();
}
