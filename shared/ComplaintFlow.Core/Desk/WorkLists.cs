using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Desk;

/// <summary>The work lists of the desk.</summary>
public static class WorkListNames
{
    public const string Overdue = "overdue";
    public const string DueSoon = "due-soon";
    public const string Unassigned = "unassigned";
    public const string Escalated = "escalated";
    public const string Mine = "mine";

    /// <summary>Complaints whose customer a notice did not reach (not sent, bounced, undelivered): someone has to try another way.</summary>
    public const string NotReached = "not-reached";

    public static IReadOnlyList<string> All { get; } = [Overdue, DueSoon, Unassigned, Escalated, Mine, NotReached];
}

public enum WorkListSort
{
    Deadline,
    Priority,
}

/// <summary>Narrows a work list; a null field does not filter.</summary>
public sealed record WorkListFilter
{
    public string? Category { get; init; }
    public string? Channel { get; init; }
    public string? Priority { get; init; }
    public string? Owner { get; init; }

    /// <summary>A regulatory profile: the complaint has a clock of that profile.</summary>
    public string? Profile { get; init; }
}

/// <summary>One open complaint on a work list, with the deadline that comes next.</summary>
public sealed record WorkItem
{
    public required string ComplaintId { get; init; }
    public string Reference => Complaints.ComplaintId.ToReference(ComplaintId);
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public string? Owner { get; init; }
    public string? Escalation { get; init; }

    /// <summary>The regulatory profiles whose clocks run on it (not <c>internal</c>).</summary>
    public required IReadOnlyList<string> Profiles { get; init; }
    public required string NextKind { get; init; }
    public required string NextClock { get; init; }
    public required DateTimeOffset NextDueAt { get; init; }

    /// <summary>Minutes to the next deadline; negative when it has passed.</summary>
    public required long MinutesLeft { get; init; }
    public bool Overdue => MinutesLeft < 0;

    /// <summary>True when only paused (internal, waiting on the customer) clocks are left.</summary>
    public required bool Paused { get; init; }

    /// <summary>The customer was not reached by a notice (see <see cref="CustomerReach.CustomerNotReached"/>).</summary>
    public bool NotReached { get; init; }

    /// <summary>
    /// What the row shows besides the index's snapshot (subject, customer, age, team, why it was escalated), read from
    /// the complaint for the rows a page shows (<see cref="Search.ComplaintSearch.SummariseAsync"/>); null in CSV.
    /// </summary>
    public Search.SearchRow? Summary { get; init; }
}

/// <summary>
/// Builds the work lists from the deadlines index (one row per open deadline, with a snapshot of the complaint), so a
/// list costs one index read and no read per complaint. Internal clocks do not count while the complaint waits on
/// the customer: they are paused.
/// </summary>
public sealed class WorkLists(PortalOptions options)
{
    public IReadOnlyList<WorkItem> Items(IEnumerable<DeadlineEntry> entries, DateTimeOffset now) =>
        [.. entries.GroupBy(e => e.ComplaintId).Select(g => ItemOf([.. g], now))];

    public bool IsIn(string list, WorkItem item, StaffMember staff) => list switch
    {
        WorkListNames.Overdue => !item.Paused && item.Overdue,
        WorkListNames.DueSoon => !item.Paused && !item.Overdue && item.MinutesLeft <= (long)options.DueSoonHorizon.TotalMinutes,
        WorkListNames.Unassigned => item.Owner is null,
        WorkListNames.Escalated => item.Escalation is { } grade && grade != nameof(Complaints.EscalationGrade.Internal),
        WorkListNames.Mine => item.Owner == staff.Id,
        WorkListNames.NotReached => item.NotReached,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Unknown work list."),
    };

    public IReadOnlyList<WorkItem> List(string list, IEnumerable<DeadlineEntry> entries, StaffMember staff, DateTimeOffset now, WorkListFilter filter, WorkListSort sort)
    {
        var items = Items(entries, now).Where(i => IsIn(list, i, staff) && Matches(i, filter));
        return sort == WorkListSort.Priority
            ? [.. items.OrderBy(i => i.Priority ?? "P9", StringComparer.Ordinal).ThenBy(i => i.NextDueAt)]
            : [.. items.OrderBy(i => i.NextDueAt).ThenBy(i => i.Priority ?? "P9", StringComparer.Ordinal)];
    }

    public IReadOnlyDictionary<string, int> Counts(IEnumerable<DeadlineEntry> entries, StaffMember staff, DateTimeOffset now)
    {
        var items = Items(entries, now);
        return WorkListNames.All.ToDictionary(q => q, q => items.Count(i => IsIn(q, i, staff)));
    }

    private static bool Matches(WorkItem item, WorkListFilter filter) =>
        Same(filter.Category, item.Category)
        && Same(filter.Channel, item.Channel)
        && Same(filter.Priority, item.Priority)
        && Same(filter.Owner, item.Owner)
        && (string.IsNullOrEmpty(filter.Profile) || item.Profiles.Contains(filter.Profile, StringComparer.OrdinalIgnoreCase));

    private static bool Same(string? wanted, string? actual) =>
        string.IsNullOrEmpty(wanted) || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

    private static WorkItem ItemOf(IReadOnlyList<DeadlineEntry> rows, DateTimeOffset now)
    {
        // Rows of one complaint may disagree for a moment (a write in progress): the latest-started row's snapshot wins.
        var snapshot = rows.MaxBy(r => r.StartedAt)!;
        var waiting = snapshot.Status == nameof(ComplaintStatus.WaitingOnCustomer);
        var running = rows.Where(r => !(waiting && r.Clock == DeadlineKinds.InternalClock)).ToList();
        var next = (running.Count > 0 ? running : rows).MinBy(r => r.DueAt)!;
        return new WorkItem
        {
            ComplaintId = snapshot.ComplaintId,
            Status = snapshot.Status,
            Channel = snapshot.Channel,
            Priority = snapshot.Priority,
            Category = snapshot.Category,
            Owner = snapshot.Owner,
            Escalation = snapshot.Escalation,
            Profiles = [.. rows.Select(r => r.Clock).Where(c => c != DeadlineKinds.InternalClock).Distinct().Order(StringComparer.Ordinal)],
            NextKind = next.Kind,
            NextClock = next.Clock,
            NextDueAt = next.DueAt,
            MinutesLeft = (long)Math.Floor((next.DueAt - now).TotalMinutes),
            Paused = running.Count == 0,
            NotReached = snapshot.NotReached,
        };
    }
}

/// <summary>A work list as CSV (RFC 4180), safe to open in a spreadsheet.</summary>
public static class WorkListCsv
{
    public static string Write(IEnumerable<WorkItem> items)
    {
        var csv = new StringBuilder("reference,status,channel,priority,category,owner,escalation,profiles,next_deadline,next_clock,due_at_utc,minutes_left\r\n");
        foreach (var i in items)
        {
            string[] fields =
            [
                i.Reference, i.Status, i.Channel, i.Priority ?? string.Empty, i.Category ?? string.Empty, i.Owner ?? string.Empty,
                i.Escalation ?? string.Empty, string.Join(' ', i.Profiles), i.NextKind, i.NextClock,
                i.NextDueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                i.MinutesLeft.ToString(CultureInfo.InvariantCulture),
            ];
            csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string value)
    {
        // A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection): quote it as text.
        var safe = value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r' || (value.StartsWith('-') && !long.TryParse(value, CultureInfo.InvariantCulture, out _))
            ? "'" + value
            : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
