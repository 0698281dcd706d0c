using System.Globalization;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="IComplaintStore"/> with the Table store's rules: creation fails when the id exists, every save is
/// conditional on the version read (a mismatch is a <see cref="ConcurrencyConflictException"/>), state and events are
/// written together or not at all, and what is stored is a JSON copy (so a test sees exactly what a reader would).
/// <see cref="LoseAnswers"/> models a write that went through while its answer was lost: the SDK's retry then meets
/// 409 (creation) or 412 (save), which is what the caller sees. A redacted save (<see cref="IComplaintRedaction"/>)
/// is conditional the same way and replaces the rewritten history rows with the new state.
/// </summary>
public sealed class InMemoryComplaintStore : IComplaintStore, IComplaintRedaction
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Json, string Version)> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _events = new(StringComparer.Ordinal);
    private long _version;
    private int _answersToLose;
    private int _unreachableCalls;
    private int _unreachableWrites;

    /// <summary>Writes that changed something (creations and saves).</summary>
    public int Writes { get; private set; }

    /// <summary>Point reads of a complaint's state (<see cref="FindAsync"/>), answered or not.</summary>
    public int Reads { get; private set; }

    /// <summary>The next <paramref name="count"/> successful writes report the failure a retried write meets.</summary>
    public void LoseAnswers(int count)
    {
        lock (_gate)
        {
            _answersToLose = count;
        }
    }

    /// <summary>The next <paramref name="count"/> writes fail as an unreachable storage account does, touching nothing; reads still work.</summary>
    public void FailWrites(int count)
    {
        lock (_gate)
        {
            _unreachableWrites = count;
        }
    }

    /// <summary>The next <paramref name="count"/> reads and writes fail as an unreachable storage account does, touching nothing.</summary>
    public void BeUnreachable(int count)
    {
        lock (_gate)
        {
            _unreachableCalls = count;
        }
    }

    public IReadOnlyList<Complaint> All()
    {
        lock (_gate)
        {
            return [.. _states.Values.Select(s => Read(s.Json))];
        }
    }

    public async Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken) =>
        await CreateAsync(change, cancellationToken) is not null;

    /// <summary>The version comes with the creation's answer, as the Table store's does (no read).</summary>
    public async Task<VersionedComplaint?> CreateAsync(ComplaintChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await Task.Yield();
        lock (_gate)
        {
            ThrowIfUnreachable(write: true);
            if (_states.ContainsKey(change.State.Id))
            {
                return null;
            }

            var version = Write(change);
            return LoseAnswer() ? null : new VersionedComplaint(Read(_states[change.State.Id].Json), version);
        }
    }

    public async Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken)
    {
        // Storage answers later, on another thread: concurrent callers interleave between a read and its write.
        await Task.Yield();
        lock (_gate)
        {
            Reads++;
            ThrowIfUnreachable();
            return _states.TryGetValue(id, out var stored) ? new VersionedComplaint(Read(stored.Json), stored.Version) : null;
        }
    }

    public async Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return Save(change, expectedVersion, []);
    }

    public async Task<VersionedComplaint> SaveRedactedAsync(ComplaintChange change, string expectedVersion, IReadOnlyList<ComplaintEvent> rewritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewritten);
        await Task.Yield();
        return Save(change, expectedVersion, rewritten);
    }

    private VersionedComplaint Save(ComplaintChange change, string expectedVersion, IReadOnlyList<ComplaintEvent> rewritten)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            ThrowIfUnreachable(write: true);
            var id = change.State.Id;
            if (!_states.TryGetValue(id, out var stored))
            {
                throw new ComplaintNotFoundException(id);
            }

            // The state row's ETag, and the event rows' keys: an event already written is a conflict too.
            var written = _events[id];
            if (stored.Version != expectedVersion || change.Events.Any(e => written.Any(w => Sequence(w) == e.Sequence)))
            {
                throw new ConcurrencyConflictException(id);
            }

            // Rewritten history rows are replaced in the same transaction as the state.
            foreach (var e in rewritten)
            {
                var index = written.FindIndex(w => Sequence(w) == e.Sequence);
                var json = JsonSerializer.Serialize(e, ComplaintJson.Options);
                if (index < 0)
                {
                    written.Add(json);
                }
                else
                {
                    written[index] = json;
                }
            }

            var version = Write(change);
            if (LoseAnswer())
            {
                throw new ConcurrencyConflictException(id);
            }

            return new VersionedComplaint(Read(_states[id].Json), version);
        }
    }

    public Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfUnreachable();
            IReadOnlyList<ComplaintEvent> events = _events.TryGetValue(id, out var stored)
                ? [.. stored.Select(e => JsonSerializer.Deserialize<ComplaintEvent>(e, ComplaintJson.Options)!).OrderBy(e => e.Sequence)]
                : [];
            return Task.FromResult(events);
        }
    }

    private string Write(ComplaintChange change)
    {
        var state = change.State;
        var version = (++_version).ToString("D8", CultureInfo.InvariantCulture);
        _states[state.Id] = (JsonSerializer.Serialize(state, ComplaintJson.Options), version);
        if (!_events.TryGetValue(state.Id, out var events))
        {
            _events[state.Id] = events = [];
        }

        events.AddRange(change.Events.Select(e => JsonSerializer.Serialize(e, ComplaintJson.Options)));
        Writes++;
        return version;
    }

    private void ThrowIfUnreachable(bool write = false)
    {
        if (_unreachableCalls > 0 || (write && _unreachableWrites > 0))
        {
            if (_unreachableCalls > 0)
            {
                _unreachableCalls--;
            }
            else
            {
                _unreachableWrites--;
            }

            throw new HttpRequestException("Storage is unreachable (simulated).");
        }
    }

    private bool LoseAnswer()
    {
        if (_answersToLose == 0)
        {
            return false;
        }

        _answersToLose--;
        return true;
    }

    private static int Sequence(string json) => JsonSerializer.Deserialize<ComplaintEvent>(json, ComplaintJson.Options)!.Sequence;

    private static Complaint Read(string json) => JsonSerializer.Deserialize<Complaint>(json, ComplaintJson.Options)!;
}
