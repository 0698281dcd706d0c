namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// The dates we promise the customer, read from the clocks the desk is held to: the acknowledgement and the status
/// page both take them from here, so what a customer is told is always someone's deadline.
/// </summary>
public sealed record CustomerPromise
{
    /// <summary>The internal first-response clock: a member of staff acts on the complaint by then.</summary>
    public DateTimeOffset? FirstResponseBy { get; init; }

    /// <summary>The internal resolve clock: our target for the final answer.</summary>
    public DateTimeOffset? ResolveBy { get; init; }

    /// <summary>
    /// The statutory limit for the final answer where a regulatory profile sets one (the latest of its clocks met by
    /// the resolution: FCA 8 weeks, CFPB 60 days, MIIT 15 days, 95598 7 working days); it never pauses.
    /// </summary>
    public DateTimeOffset? StatutoryBy { get; init; }

    /// <summary>The profile whose clock <see cref="StatutoryBy"/> is.</summary>
    public string? StatutoryProfile { get; init; }

    /// <summary>Some date was counted past the calendar's published holidays and may move.</summary>
    public bool Provisional { get; init; }

    public static CustomerPromise Of(Complaint complaint)
    {
        Deadline? Internal(string kind) => complaint.Deadlines.FirstOrDefault(d => d.Kind == kind && d.Clock == DeadlineKinds.InternalClock);
        var firstResponse = Internal(DeadlineKinds.FirstResponse) ?? Internal(DeadlineKinds.Resolve);
        var resolve = Internal(DeadlineKinds.Resolve);
        var statutory = complaint.Deadlines
            .Where(d => d.Clock != DeadlineKinds.InternalClock && d.MetBy == MilestoneNames.Resolution)
            .MaxBy(d => d.DueAt);
        return new()
        {
            FirstResponseBy = firstResponse?.DueAt,
            ResolveBy = resolve?.DueAt,
            StatutoryBy = statutory?.DueAt,
            StatutoryProfile = statutory?.Clock,
            Provisional = firstResponse?.Provisional == true || resolve?.Provisional == true || statutory?.Provisional == true,
        };
    }
}
