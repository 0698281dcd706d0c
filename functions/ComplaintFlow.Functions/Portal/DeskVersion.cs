using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Functions.Portal;

/// <summary>
/// The version a staff page acts on: the last history entry it saw (<c>"seq-N"</c>). A page is stale when someone
/// (a colleague, the customer) changed the complaint since; the pipeline's own bookkeeping in between (a notice sent,
/// a deadline warning) does not make it stale, so staff are not sent back for changes they need not see.
/// </summary>
public static class DeskVersion
{
    private static readonly HashSet<string> Bookkeeping =
        [EventTypes.Notified, EventTypes.NotificationFailed, EventTypes.Warned, EventTypes.Escalated, EventTypes.HoldingNotice];

    public static string Of(Complaint complaint) => $"\"seq-{complaint.LastEventSequence}\"";

    public static bool TryParse(string? value, out int sequence)
    {
        sequence = 0;
        var text = value?.Trim().Trim('"');
        return text is not null && text.StartsWith("seq-", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    public static bool NothingStaffRelevantSince(int seen, Complaint current, IReadOnlyList<ComplaintEvent> history) =>
        seen <= current.LastEventSequence
        && history.Where(e => e.Sequence > seen).All(e => e.Actor == Actors.System && Bookkeeping.Contains(e.Type));
}
