using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify;

/// <summary>What a provider said became of a notice it accepted.</summary>
public enum DeliveryOutcome
{
    Delivered,

    /// <summary>The receiving server asked the provider to try later; the provider keeps trying.</summary>
    Deferred,

    /// <summary>A hard bounce: the address does not exist. The address is suppressed.</summary>
    Bounced,

    /// <summary>The receiving server refused it (a soft bounce: policy, reputation, full mailbox).</summary>
    Blocked,

    /// <summary>The provider did not send it (its own suppression list, an invalid address).</summary>
    Dropped,

    /// <summary>The customer marked it as spam. The address is suppressed: they asked for no more mail.</summary>
    SpamReport,

    /// <summary>A text the carrier could not deliver, or that failed before it left the provider.</summary>
    Undelivered,
}

/// <summary>One provider event about one notice, correlated by the ids we gave the provider when sending.</summary>
public sealed record DeliveryReport
{
    public required string ComplaintId { get; init; }
    public required string NotificationId { get; init; }

    /// <summary>The provider's id for this event (SendGrid <c>sg_event_id</c>, Twilio sid and status): a repeat is recorded once.</summary>
    public required string EventId { get; init; }

    public required DeliveryOutcome Outcome { get; init; }

    /// <summary>The provider's reason (SMTP answer, Twilio error code); no address.</summary>
    public string? Reason { get; init; }

    public required DateTimeOffset At { get; init; }

    public bool ReachedNobody => Outcome is not (DeliveryOutcome.Delivered or DeliveryOutcome.Deferred);

    /// <summary>Hard bounces and spam reports stop all further mail to the address (as SendGrid's own list does).</summary>
    public bool SuppressesAddress => Outcome is DeliveryOutcome.Bounced or DeliveryOutcome.SpamReport;

    public string OutcomeName => Outcome switch
    {
        DeliveryOutcome.SpamReport => "spam-report",
        _ => Outcome.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Records providers' delivery reports on the complaint: each notice's fate on its timeline; a notice that bounced,
/// was dropped or undelivered no longer counts as having reached the customer (see <see cref="NotReached"/>); a hard
/// bounce or spam report suppresses the address. Safe to run twice for one report: its id is kept on the notice.
/// </summary>
public sealed partial class DeliveryReports(IComplaintStore complaints, IEmailSuppressions suppressions, Notices notices, TimeProvider time)
{
    /// <summary>How many report ids a notice remembers; providers repeat an event within minutes, not after dozens of others.</summary>
    private const int RememberedReports = 20;

    /// <returns>False when the report names no notice we know (an old or foreign event): nothing to record.</returns>
    public async Task<bool> RecordAsync(DeliveryReport report, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var current = await complaints.FindAsync(report.ComplaintId, cancellationToken);
        var notice = current?.Complaint.Notifications.FirstOrDefault(n => n.Id == report.NotificationId);
        if (current is null || notice is null)
        {
            return false;
        }

        // Suppressed before the complaint records the report, so a retry after a failure in between suppresses too.
        var address = notice.Channel == NotificationChannel.Email ? notice.Recipient ?? current.Complaint.Contact.Email : null;
        if (report.SuppressesAddress && address is not null)
        {
            await suppressions.SuppressAsync(address, report.OutcomeName, cancellationToken);
        }

        var saved = await complaints.UpdateAsync(report.ComplaintId, c => Apply(c, report), cancellationToken);
        var updated = saved?.Complaint.Notifications.First(n => n.Id == report.NotificationId);
        if (saved is not null && updated is not null && updated.DidNotReach && NotReached.PendingFallback(saved.Complaint, updated) is { } fallback)
        {
            // Sent again (or for the first time) after a redelivered report too: Notify sends a notice once.
            await notices.QueueAsync(saved.Complaint.Id, [fallback.Id], traceParent, cancellationToken);
        }

        return true;
    }

    private ComplaintChange? Apply(Complaint complaint, DeliveryReport report)
    {
        var notice = complaint.Notifications.First(n => n.Id == report.NotificationId);
        if (notice.DeliveryReportIds.Contains(report.EventId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var remembered = notice.DeliveryReportIds.Append(report.EventId).TakeLast(RememberedReports).ToList();
        var data = new Dictionary<string, string> { ["outcome"] = report.OutcomeName };
        if (report.ReachedNobody && notice.Status is NotificationStatus.Sent or NotificationStatus.Delivered or NotificationStatus.Sending or NotificationStatus.Pending)
        {
            var failed = notice with
            {
                Status = NotificationStatus.Failed,
                ClaimedAt = null,
                ClaimToken = null,
                Delivery = report.OutcomeName,
                Reason = Describe(report),
                DeliveryReportIds = remembered,
            };
            return NotReached.Record(complaint, failed, now, data);
        }

        // Delivered, deferred, or a second failure report for a notice already failed: the timeline shows it.
        var recorded = notice with
        {
            Status = report.Outcome == DeliveryOutcome.Delivered && notice.Status == NotificationStatus.Sent ? NotificationStatus.Delivered : notice.Status,
            Delivery = report.OutcomeName,
            DeliveryReportIds = remembered,
        };
        data["notificationId"] = notice.Id;
        data["kind"] = notice.Kind.ToString();
        data["channel"] = notice.Channel.ToString();
        if (Shorten(report.Reason) is { } reason)
        {
            data["reason"] = reason;
        }

        return complaint.Change(now)
            .Apply(c => c with { Notifications = [.. c.Notifications.Select(n => n.Id == notice.Id ? recorded : n)] })
            .Record(EventTypes.Delivery, Actors.System, data);
    }

    private static string Describe(DeliveryReport report) =>
        Shorten(report.Reason) is { } reason ? $"{report.OutcomeName}: {reason}" : report.OutcomeName;

    /// <summary>SMTP answers often quote the address ("550 5.1.1 &lt;li@...&gt;: no such user"); the history holds none.</summary>
    private static string? Shorten(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var text = EmailAddress().Replace(reason, "[address]");
        return text.Length > 200 ? text[..200] : text;
    }

    [GeneratedRegex(@"[^\s<>""']+@[^\s<>""']+")]
    private static partial Regex EmailAddress();
}
