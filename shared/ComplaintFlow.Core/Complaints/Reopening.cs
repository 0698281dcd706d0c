namespace ComplaintFlow.Core.Complaints;

/// <summary>What reopening a resolved complaint does to it, whoever reopens it (staff, a dissatisfied survey, the customer writing again).</summary>
public static class Reopening
{
    /// <summary>
    /// The complaint open again, with the clocks its last resolution met running again from their original due
    /// times (so a complaint reopened after its deadline is at once overdue, as it should be). A follow-up (回访) still
    /// owed ends there: the complaint is worked again, and its next resolution owes a follow-up of its own. Its clock is
    /// dropped rather than met, so a follow-up that never happened counts neither as on time nor as late.
    /// </summary>
    /// <param name="callback">The deadline for calling the customer back, when the policy has one.</param>
    public static Complaint Reopen(Complaint complaint, DateTimeOffset at, Deadline? callback = null) => complaint with
    {
        Status = ComplaintStatus.Open,
        Deadlines =
        [
            .. complaint.Deadlines
                .Where(d => !(d.IsOpen && d.Kind == DeadlineKinds.FollowUp))
                .Select(d => d.MetAt is not null && d.MetAt == complaint.Resolution?.ResolvedAt && d.MetBy == MilestoneNames.Resolution ? d with { MetAt = null } : d),
            .. callback is null ? Array.Empty<Deadline>() : [callback],
        ],
        FollowUps = [.. complaint.FollowUps.Select(f => f.IsOpen ? f with { Outcome = FollowUpOutcomes.Reopened, CompletedAt = at } : f)],
    };
}
