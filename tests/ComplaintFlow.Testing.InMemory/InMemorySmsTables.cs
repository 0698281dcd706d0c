using System.Globalization;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// <see cref="ISmsThreads"/> with the <c>SmsThreads</c> table's rules: one row per number; a claim is an insert (refused
/// when the row exists) or a replace conditional on the version read (refused when the row moved on or is gone);
/// recording a joined text never moves the thread back in time.
/// </summary>
public sealed class InMemorySmsThreads : ISmsThreads
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (SmsThread Thread, string Version)> _rows = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>The number's thread as stored, or null.</summary>
    public SmsThread? Of(string e164)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(Key(e164), out var row) ? row.Thread : null;
        }
    }

    public async Task<VersionedSmsThread?> FindAsync(string e164, CancellationToken cancellationToken)
    {
        // Storage answers later, on another thread: concurrent texts interleave between a read and its claim.
        await Task.Yield();
        lock (_gate)
        {
            return _rows.TryGetValue(Key(e164), out var row) ? new VersionedSmsThread(row.Thread, row.Version) : null;
        }
    }

    public async Task<bool> TryClaimAsync(string e164, SmsThread thread, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        await Task.Yield();
        lock (_gate)
        {
            var key = Key(e164);
            var exists = _rows.TryGetValue(key, out var row);
            if (expectedVersion is null ? exists : !exists || row.Version != expectedVersion)
            {
                return false;
            }

            _rows[key] = (thread, NextVersion());
            return true;
        }
    }

    public async Task RecordAsync(string e164, SmsThread thread, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        await Task.Yield();
        lock (_gate)
        {
            var key = Key(e164);
            if (!_rows.TryGetValue(key, out var row) || !(row.Thread.LastTextAt > thread.LastTextAt))
            {
                _rows[key] = (thread, NextVersion());
            }
        }
    }

    /// <summary>Deletes the row only as read (<see cref="ISmsRecords.ForgetThreadAsync"/>); false when it moved on.</summary>
    internal bool Delete(string e164, Func<SmsThread, bool> when)
    {
        lock (_gate)
        {
            var key = Key(e164);
            return _rows.TryGetValue(key, out var row) && when(row.Thread) && _rows.Remove(key);
        }
    }

    internal IReadOnlyDictionary<string, string>? Columns(string e164)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(Key(e164), out var row)
                ? new Dictionary<string, string>
                {
                    ["ComplaintId"] = row.Thread.ComplaintId,
                    ["LastTextAt"] = row.Thread.LastTextAt.ToString(CultureInfo.InvariantCulture),
                }
                : null;
        }
    }

    private string NextVersion() => (++_version).ToString("D8", CultureInfo.InvariantCulture);

    internal static string Key(string e164)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e164);
        return e164.StartsWith('+') ? e164 : throw new ArgumentException("Expected an E.164 number starting with '+'.", nameof(e164));
    }
}

/// <summary>
/// <see cref="ISmsOptOuts"/> with the <c>SmsOptOuts</c> table's rules: one row per number, merged on every change so
/// the time of the last opt-out and the last opt-in are both kept, with the keyword the customer sent.
/// </summary>
public sealed class InMemorySmsOptOuts(TimeProvider time) : ISmsOptOuts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> _rows = new(StringComparer.Ordinal);

    public Task<bool> IsOptedOutAsync(string e164, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(InMemorySmsThreads.Key(e164), out var row) && row["OptedOut"] == bool.TrueString);
        }
    }

    public Task OptOutAsync(string e164, string keyword, CancellationToken cancellationToken) => WriteAsync(e164, optedOut: true, keyword);

    public Task OptInAsync(string e164, CancellationToken cancellationToken) => WriteAsync(e164, optedOut: false, keyword: null);

    internal IReadOnlyDictionary<string, string>? Columns(string e164)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(InMemorySmsThreads.Key(e164), out var row) ? new Dictionary<string, string>(row) : null;
        }
    }

    private Task WriteAsync(string e164, bool optedOut, string? keyword)
    {
        lock (_gate)
        {
            var key = InMemorySmsThreads.Key(e164);
            if (!_rows.TryGetValue(key, out var row))
            {
                _rows[key] = row = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            row["OptedOut"] = optedOut.ToString();
            row[optedOut ? "OptedOutAt" : "OptedInAt"] = time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
            if (keyword is not null)
            {
                row["Keyword"] = keyword;
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// <see cref="ISmsRecords"/> over the two in-memory SMS tables, as the Table adapter reads them: an erasure removes the
/// number's thread row only while it still points at an erased complaint, and keeps the opt-out row.
/// </summary>
public sealed class InMemorySmsRecords(InMemorySmsThreads threads, InMemorySmsOptOuts optOuts) : ISmsRecords
{
    public const string ThreadsTable = "SmsThreads";
    public const string OptOutsTable = "SmsOptOuts";

    public Task<IReadOnlyList<StoredRow>> RowsForAsync(string e164, CancellationToken cancellationToken)
    {
        var rows = new List<StoredRow>();
        if (threads.Columns(e164) is { } thread)
        {
            rows.Add(new StoredRow(ThreadsTable, thread));
        }

        if (optOuts.Columns(e164) is { } optOut)
        {
            rows.Add(new StoredRow(OptOutsTable, optOut));
        }

        return Task.FromResult<IReadOnlyList<StoredRow>>(rows);
    }

    public Task ForgetThreadAsync(string e164, IReadOnlySet<string> complaintIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintIds);
        threads.Delete(e164, t => complaintIds.Contains(t.ComplaintId));
        return Task.CompletedTask;
    }
}
