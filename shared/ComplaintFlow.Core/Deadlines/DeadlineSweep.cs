using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>What one sweep read and did; logged and returned to the timer function.</summary>
public sealed record SweepReport
{
    private readonly Lock _lock = new();

    /// <summary>Updates the counts safely from concurrent work.</summary>
    public void Count(Action<SweepReport> update)
    {
        lock (_lock)
        {
            update(this);
        }
    }

    public int EntriesRead { get; set; }
    public int ComplaintsRead { get; set; }
    public int Warned { get; set; }
    public int Escalated { get; set; }
    public int HoldingNotices { get; set; }
    public int ProgressNotices { get; set; }
    public int StaleRemoved { get; set; }
}

/// <summary>
/// The SLA sweep: reads only the index buckets up to now + horizon, and for each deadline that has reached its
/// warning point, its holding-notice point or its breach, records what it did on the complaint (in the same
/// transaction as the event) and queues the notices. A complaint is read only when its row says something may be
/// due. Every change is decided again on the freshly read complaint under its ETag, so concurrent sweeps and
/// redelivered timers never warn, escalate or send a holding notice twice.
/// </summary>
public sealed class DeadlineSweep(
    IDeadlineIndex index,
    IComplaintStore complaints,
    DeadlineSweepPolicy policy,
    DeadlineOptions options,
    Notices notices,
    TimeProvider time)
{
    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var report = new SweepReport();
        var candidates = new List<DeadlineEntry>();
        await foreach (var entry in index.DueByAsync(now + options.SweepHorizon, cancellationToken))
        {
            report.EntriesRead++;
            if (MayNeedAction(entry, now))
            {
                candidates.Add(entry);
            }
        }

        // Complaints are independent: work on several at once; each change is still guarded by its ETag.
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (entry, ct) => await SweepOneAsync(entry, now, report, ct));
        return report;
    }

    private async Task SweepOneAsync(DeadlineEntry entry, DateTimeOffset now, SweepReport report, CancellationToken cancellationToken)
    {
        report.Count(r => r.ComplaintsRead++);
        var current = await complaints.FindAsync(entry.ComplaintId, cancellationToken);
        if (!entry.IsCurrentFor(current?.Complaint))
        {
            // Left by a write that lost its race, or the deadline was met or moved: the complaint is the truth.
            if (current is not null || entry.DueAt < now - TimeSpan.FromMinutes(10))
            {
                await index.RemoveAsync([entry], cancellationToken);
                report.Count(r => r.StaleRemoved++);
            }

            return;
        }

        var kind = SweepActionKind.Nothing;
        IReadOnlyList<string> created = [];
        var saved = await complaints.UpdateAsync(entry.ComplaintId, c =>
        {
            var change = Act(c, entry, now, out kind);
            created = change is null ? [] : Notices.Added(c, change.State);
            return change;
        }, cancellationToken);
        if (saved is null || kind == SweepActionKind.Nothing)
        {
            return;
        }

        report.Count(kind switch
        {
            SweepActionKind.Warn => r => r.Warned++,
            SweepActionKind.Escalate => r => r.Escalated++,
            SweepActionKind.ProgressNotice => r => r.ProgressNotices++,
            _ => r => r.HoldingNotices++,
        });
        // Only the notices this change asked for: others pending on the complaint have their own messages.
        await notices.QueueAsync(saved.Complaint.Id, created, null, cancellationToken);
    }

    /// <summary>From the row alone: could this deadline be at a warning, holding-notice or breach point?</summary>
    private bool MayNeedAction(DeadlineEntry entry, DateTimeOffset now) =>
        policy.Decide(entry.ToDeadline(), now).Kind != SweepActionKind.Nothing;

    private ComplaintChange? Act(Complaint complaint, DeadlineEntry entry, DateTimeOffset now, out SweepActionKind kind)
    {
        kind = SweepActionKind.Nothing;
        var deadline = complaint.Deadlines.FirstOrDefault(d => d.Kind == entry.Kind && d.Clock == entry.Clock && d.IsOpen);
        // A resolved complaint's only running clock is its follow-up (回访): warned and escalated like any other.
        if (deadline is null || (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed && deadline.Kind != DeadlineKinds.FollowUp))
        {
            return null;
        }

        var action = policy.Decide(deadline, now);
        kind = action.Kind;
        var data = new Dictionary<string, string>
        {
            ["deadline"] = deadline.Kind,
            ["clock"] = deadline.Clock,
            ["due"] = deadline.DueAt.ToString("o", CultureInfo.InvariantCulture),
        };
        switch (action.Kind)
        {
            case SweepActionKind.Warn:
                {
                    var to = TierRecipient(complaint, 1);
                    data["to"] = to;
                    return complaint.Change(now)
                        .Apply(c => Replace(c, deadline, deadline with { WarnedAt = now }))
                        .Apply(c => Notices.ForStaff(c, to, now, WithReason(data, "warning")))
                        .Record(EventTypes.Warned, Actors.System, data);
                }

            case SweepActionKind.Escalate:
                {
                    var to = TierRecipient(complaint, action.Tier);
                    data["tier"] = action.Tier.ToString(CultureInfo.InvariantCulture);
                    data["tierName"] = TierName(action.Tier);
                    data["to"] = to;
                    data["overdueHours"] = (now - deadline.DueAt).TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
                    return complaint.Change(now)
                        .Apply(c => Replace(c, deadline, deadline with { EscalationTier = action.Tier, LastEscalatedAt = now }))
                        .Apply(c => Notices.ForStaff(c, to, now, WithReason(data, "breach")))
                        .Record(EventTypes.Escalated, Actors.System, data);
                }

            case SweepActionKind.HoldingNotice:
                {
                    var newDue = policy.ExtendedDue(deadline);
                    var expected = complaint.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKinds.Resolve && d.Clock == DeadlineKinds.InternalClock && d.IsOpen)?.DueAt;
                    data["newDue"] = newDue.ToString("o", CultureInfo.InvariantCulture);
                    data["expected"] = (expected is { } e && e > now ? e : newDue).ToString("o", CultureInfo.InvariantCulture);
                    data["referral"] = policy.Referral(deadline, complaint.Language) ?? string.Empty;
                    return complaint.Change(now)
                        .Apply(c => Replace(c, deadline, deadline with { HoldingNoticeAt = now, DueAt = newDue }))
                        .Apply(c => Notices.ForCustomer(c, NotificationKind.Holding, now, new Dictionary<string, string>(data)))
                        .Record(EventTypes.HoldingNotice, Actors.System, data);
                }

            case SweepActionKind.ProgressNotice:
                {
                    // Decided once per clock: sent, or not needed because the customer heard from us lately.
                    var last = LastContact(complaint);
                    var needed = !policy.RecentlyContacted(deadline, last, now);
                    var change = complaint.Change(now).Apply(c => Replace(c, deadline, deadline with { ProgressNoticeAt = now }));
                    if (needed)
                    {
                        change.Apply(c => Notices.ForCustomer(c, NotificationKind.Progress, now, new Dictionary<string, string>(data)));
                    }

                    data["sent"] = needed ? "true" : "false";
                    if (last is { } l)
                    {
                        data["lastContact"] = l.ToString("o", CultureInfo.InvariantCulture);
                    }

                    return change.Record(EventTypes.ProgressNotice, Actors.System, data);
                }

            default:
                return null;
        }
    }

    /// <summary>The last time the customer heard from us: a notice a provider accepted, or a person's contact that met a clock.</summary>
    private static DateTimeOffset? LastContact(Complaint complaint) =>
        complaint.Notifications
            .Where(n => n.Recipient is null && n.Kind != NotificationKind.AccessCode && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered)
            .Select(n => n.SentAt)
            .Concat(complaint.Deadlines.Where(d => d.MetBy == MilestoneNames.FirstContact).Select(d => d.MetAt))
            .Max();

    /// <summary>Tier 1 is the owner (the team supervisors when nobody owns it), tier 2 the team supervisors, tier 3 the head of service.</summary>
    private string TierRecipient(Complaint complaint, int tier) => tier switch
    {
        1 when complaint.Owner is { } owner && owner.Contains('@', StringComparison.Ordinal) => owner,
        1 or 2 => options.TeamSupervisorEmail,
        _ => options.HeadOfServiceEmail,
    };

    private static string TierName(int tier) => tier switch
    {
        1 => "owner",
        2 => "team-supervisor",
        _ => "head-of-service",
    };

    private static Complaint Replace(Complaint complaint, Deadline old, Deadline updated) =>
        complaint with { Deadlines = [.. complaint.Deadlines.Select(d => d == old ? updated : d)] };

    private static Dictionary<string, string> WithReason(Dictionary<string, string> data, string reason) => new(data) { ["reason"] = reason };
}
