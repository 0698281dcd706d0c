using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// Moves the clocks of every open complaint onto a calendar a supervisor just saved, when they ask for it ("recompute
/// open complaints"): each complaint is changed on its own, re-decided if someone wrote in between, and the move is in
/// its history under the supervisor's name, so the desk can tell the customer why a date changed.
/// </summary>
public sealed class OpenClockRecalculation(IDeadlineIndex index, IComplaintStore complaints, TimeProvider time)
{
    /// <returns>How many complaints had a clock moved.</returns>
    public async Task<int> ApplyAsync(CalendarRecalculation recalculation, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recalculation);
        ArgumentNullException.ThrowIfNull(staff);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in index.AllOpenAsync(cancellationToken))
        {
            ids.Add(entry.ComplaintId);
        }

        var moved = 0;
        foreach (var id in ids)
        {
            var changed = false;
            await complaints.UpdateAsync(id, complaint =>
            {
                var after = recalculation.Recompute(complaint.Deadlines);
                changed = !after.SequenceEqual(complaint.Deadlines);
                return changed
                    ? complaint.Change(time.GetUtcNow())
                        .Apply(c => c with { Deadlines = after })
                        .Record(EventTypes.Recalculated, staff.Id, DeadlineClock.Describe(complaint.Deadlines, after))
                    : null;
            }, cancellationToken);
            moved += changed ? 1 : 0;
        }

        return moved;
    }
}
