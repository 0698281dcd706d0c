using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// Gives a triaged complaint its clocks. First cut: acknowledge within 24 hours and resolve within a window that
/// shortens with priority, both in calendar time.
/// </summary>
public sealed class DeadlinePlanner
{
    public IReadOnlyList<Deadline> Plan(Complaint complaint, TriageResult triage)
    {
        var start = complaint.ReceivedAt;
        var resolveDays = triage.Priority switch
        {
            Priority.P1 => 2,
            Priority.P2 => 5,
            Priority.P3 => 10,
            _ => 15,
        };
        return
        [
            new Deadline { Kind = DeadlineKinds.Acknowledge, Clock = DeadlineKinds.InternalClock, StartedAt = start, DueAt = start.AddHours(24) },
            new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = start, DueAt = start.AddDays(resolveDays) },
        ];
    }
}

public static class DeadlineKinds
{
    public const string InternalClock = "internal";
    public const string Acknowledge = "acknowledge";
    public const string Resolve = "resolve";
}
