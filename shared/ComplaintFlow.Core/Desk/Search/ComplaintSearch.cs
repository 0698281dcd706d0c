using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Desk.Search;

/// <summary>One complaint in search results or a view: what a person needs to pick the one they want.</summary>
public sealed record SearchRow
{
    public required string ComplaintId { get; init; }
    public string Reference => Complaints.ComplaintId.ToReference(ComplaintId);
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public string? Owner { get; init; }
    public string? Team { get; init; }

    /// <summary>The subject, else the first line of the text, at most <see cref="ComplaintSearch.SubjectLength"/> characters.</summary>
    public required string Subject { get; init; }

    /// <summary>The language the customer wrote in (the page marks the subject and name with it).</summary>
    public required string Language { get; init; }
    public string? Customer { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required long AgeMinutes { get; init; }

    /// <summary>The next open deadline (null once resolved), as the work lists show it: paused clocks do not count down.</summary>
    public WorkItem? Next { get; init; }

    /// <summary><c>tier-N</c> when the SLA sweep escalated a breached deadline, else triage's grade when not internal.</summary>
    public string? Escalation { get; init; }

    /// <summary>Why: the deadline whose breach escalated it (<c>{kind} ({clock})</c>), or the strongest triage reason.</summary>
    public string? EscalationReason { get; init; }
    public bool Erased { get; init; }
}

/// <summary>A page of results, with the token that continues after it (null on the last page).</summary>
public sealed record SearchPage(IReadOnlyList<SearchRow> Rows, string? Continuation, int IndexReads);

/// <summary>
/// Finds the complaints that have every term of a query. Each term's rows are sorted the same way (newest first, or
/// oldest first for the <c>~</c> terms), so the match is a leapfrog merge: take the first key of one term, skip every
/// other term ahead to it (one range read, <c>RowKey ge</c>, when it is not already in the keys read), and whenever
/// one is ahead, that key becomes the candidate. Reads follow the matches and the gaps between them, not the size
/// of the table; a page stops after <see cref="MaxReads"/> reads and says where to continue. The complaints found are
/// read by id (a point read each) and checked against the query, so an index row a crash left behind is never shown.
/// </summary>
public sealed partial class ComplaintSearch(ISearchIndex index, IComplaintStore complaints, WorkLists lists)
{
    public const int DefaultTake = 25;
    public const int MaxTake = 100;
    public const int SubjectLength = 80;

    /// <summary>Index reads one page may make before it answers with what it found and where to go on.</summary>
    public const int MaxReads = 200;

    /// <summary>Keys read at a time from a term's partition.</summary>
    private const int ReadSize = 200;

    public async Task<SearchPage> SearchAsync(IReadOnlyList<string> terms, int take, string? continuation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfLessThan(terms.Count, 1);
        if (take is < 1 or > MaxTake)
        {
            throw new ArgumentOutOfRangeException(nameof(take), take, $"Take 1 to {MaxTake}.");
        }

        if (!TryReadContinuation(continuation, out var start, out var inclusive))
        {
            throw new ArgumentException("Not a continuation token.", nameof(continuation));
        }

        var budget = new Budget();
        var cursors = terms.Select(t => new Cursor(index, t, budget)).ToArray();
        var found = new List<string>();
        string? next = null;
        var candidate = await cursors[0].HeadAsync(start, inclusive, cancellationToken);
        while (candidate is not null)
        {
            var agreed = 1;
            for (var i = 1 % cursors.Length; agreed < cursors.Length && candidate is not null; i = (i + 1) % cursors.Length)
            {
                if (budget.Reads >= MaxReads)
                {
                    break;
                }

                var head = await cursors[i].HeadAsync(candidate, inclusive: true, cancellationToken);
                agreed = head == candidate ? agreed + 1 : 1;
                candidate = head;
            }

            if (candidate is null)
            {
                break;
            }

            if (agreed < cursors.Length)
            {
                // Out of reads: everything before the candidate has been looked at, so the next page starts there.
                next = Continuation(candidate, inclusive: true);
                break;
            }

            if (found.Count == take)
            {
                next = Continuation(found[^1], inclusive: false);
                break;
            }

            found.Add(candidate);
            candidate = await cursors[0].HeadAsync(candidate, inclusive: false, cancellationToken);
        }

        var rows = await Task.WhenAll(found.Select(key => RowAsync(key, terms, now, cancellationToken)));
        return new SearchPage([.. rows.OfType<SearchRow>()], next, budget.Reads);
    }

    public static bool TryReadContinuation(string? token, out string key, out bool inclusive)
    {
        key = string.Empty;
        inclusive = true;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
            if (text.Length < 2 || text[0] is not ('f' or 'a') || !KeyPattern().IsMatch(text[1..]))
            {
                return false;
            }

            key = text[1..];
            inclusive = text[0] == 'f';
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Continuation(string key, bool inclusive) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes((inclusive ? "f" : "a") + key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"^\d{19}\|[0-9A-Z]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    private async Task<SearchRow?> RowAsync(string key, IReadOnlyList<string> terms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await complaints.FindAsync(KeyOrder.ComplaintIdOf(key), cancellationToken) is not { Complaint: var complaint })
        {
            return null;
        }

        // The complaint as it is now must still have every term under this key: a row left by a crash, or one a write
        // in progress is about to remove, is not a match.
        var entries = SearchTerms.EntriesFor(complaint);
        return terms.All(t => entries.Contains(new SearchEntry(t, key))) ? RowOf(complaint, now) : null;
    }

    /// <summary>
    /// The work list's rows with what the search's rows show (subject, customer, age, escalation reason), one point
    /// read per row, a few at a time; a complaint gone since the index was read keeps its row without a summary.
    /// </summary>
    public async Task<IReadOnlyList<WorkItem>> SummariseAsync(IReadOnlyList<WorkItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var summarised = new WorkItem[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var found = await complaints.FindAsync(items[i].ComplaintId, token);
                summarised[i] = found is null ? items[i] : items[i] with { Summary = RowOf(found.Complaint, now) with { Next = null } };
            });
        return summarised;
    }

    public SearchRow RowOf(Complaint complaint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var next = lists.Items(DeadlineEntry.For(complaint), now).FirstOrDefault();
        var breached = complaint.Deadlines.Where(d => d.EscalationTier > 0).MaxBy(d => d.EscalationTier);
        var grade = complaint.Triage?.EscalationGrade ?? EscalationGrade.Internal;
        return new SearchRow
        {
            ComplaintId = complaint.Id,
            Status = complaint.Status.ToString(),
            Channel = complaint.Channel.ToString(),
            Priority = complaint.Triage?.Priority.ToString(),
            Category = complaint.Triage?.PrimaryCategory,
            Owner = complaint.Owner,
            Team = complaint.Team,
            Subject = SubjectOf(complaint),
            Language = complaint.Language,
            Customer = complaint.Contact.Name,
            ReceivedAt = complaint.ReceivedAt,
            AgeMinutes = (long)Math.Floor((now - complaint.ReceivedAt).TotalMinutes),
            Next = next,
            Escalation = breached is not null ? $"tier-{breached.EscalationTier}" : grade != EscalationGrade.Internal ? grade.ToString() : null,
            EscalationReason = breached is not null
                ? $"{breached.Kind} ({breached.Clock})"
                : grade != EscalationGrade.Internal
                    ? complaint.Triage!.Reasons.OrderByDescending(r => r.Safeguarding).ThenByDescending(r => r.Weight).FirstOrDefault()?.Description
                    : null,
            Erased = complaint.ErasedAt is not null,
        };
    }

    /// <summary>The subject, else the text's first non-empty line, cut at a whole character.</summary>
    public static string SubjectOf(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var line = !string.IsNullOrWhiteSpace(complaint.Subject)
            ? complaint.Subject.Trim()
            : complaint.Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        var info = new StringInfo(line);
        return info.LengthInTextElements <= SubjectLength ? line : info.SubstringByTextElements(0, SubjectLength - 1) + "…";
    }

    private sealed class Budget
    {
        public int Reads { get; set; }
    }

    /// <summary>One term's keys, read a few at a time and skipped ahead by range reads.</summary>
    private sealed class Cursor(ISearchIndex index, string term, Budget budget)
    {
        private IReadOnlyList<string> _keys = [];
        private int _position;
        private bool _started;

        /// <summary>True when the last read came back short: nothing lies beyond the keys held.</summary>
        private bool _atEnd;

        /// <summary>The term's first key at or after <paramref name="key"/> (after it, when not inclusive); null when none.</summary>
        public async Task<string?> HeadAsync(string key, bool inclusive, CancellationToken cancellationToken)
        {
            while (_position < _keys.Count && Before(_keys[_position], key, inclusive))
            {
                _position++;
            }

            if (_position < _keys.Count)
            {
                return _keys[_position];
            }

            if (_started && _atEnd)
            {
                return null;
            }

            budget.Reads++;
            _started = true;
            _keys = await index.KeysAsync(term, key, inclusive, ReadSize, cancellationToken);
            _position = 0;
            _atEnd = _keys.Count < ReadSize;
            return _keys.Count > 0 ? _keys[0] : null;
        }

        private static bool Before(string candidate, string key, bool inclusive)
        {
            var order = string.CompareOrdinal(candidate, key);
            return inclusive ? order < 0 : order <= 0;
        }
    }
}
