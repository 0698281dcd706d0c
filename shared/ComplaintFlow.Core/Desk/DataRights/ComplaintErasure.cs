using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Desk.DataRights;

/// <summary>What erasing one complaint changes: the anonymised state, the history rows rewritten, the payloads to delete.</summary>
public sealed record ErasurePlan(ComplaintChange Change, IReadOnlyList<ComplaintEvent> RewrittenEvents, IReadOnlyList<string> Payloads);

/// <summary>
/// Right to erasure (GDPR Art. 17, PIPL Art. 47) for one complaint: everything the customer wrote or that identifies
/// them is removed or replaced by <see cref="Placeholder"/>, while what the statistics read stays (channel, dates,
/// category, priority and scores, deadlines met or breached, root cause, compensation amounts, survey scores, owner).
/// </summary>
public static class ComplaintErasure
{
    public const string Placeholder = "[erased]";

    /// <summary>Event data keys in which staff write free text that may quote the customer.</summary>
    private static readonly string[] FreeTextKeys = ["text", "reason", "comment"];

    /// <returns>The plan, or null when the complaint is already erased.</returns>
    public static ErasurePlan? Plan(Complaint complaint, IReadOnlyList<ComplaintEvent> history, string erasedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(history);
        if (complaint.ErasedAt is not null)
        {
            return null;
        }

        var rewritten = history.Where(HasStaffFreeText).Select(Redacted).ToList();
        var payloads = PayloadsOf(complaint).ToList();
        var change = complaint.Change(now)
            .Apply(c => Erased(c, now))
            .Record(EventTypes.Erased, erasedBy, new Dictionary<string, string>
            {
                // What was removed, counted; never the removed values.
                ["removed"] = "text,subject,name,email,phone,replies,attachments,raw-payloads,staff-free-text,contact-index,sms-thread",
                ["replies"] = Count(complaint.Replies.Count),
                ["attachments"] = Count(complaint.Attachments.Count),
                ["payloads"] = Count(payloads.Count),
                ["historyEntries"] = Count(rewritten.Count),
                ["noticesCancelled"] = Count(complaint.Notifications.Count(IsUnsentCustomerNotice)),
            });
        return new ErasurePlan(change, rewritten, payloads);
    }

    /// <summary>Blob names the complaint refers to: its raw payload, its replies' payloads, its attachments.</summary>
    public static IEnumerable<string> PayloadsOf(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return new[] { complaint.RawPayload }
            .Concat(complaint.Replies.Select(r => r.RawPayload))
            .Concat(complaint.Attachments.Select(a => a.BlobName))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The folders that hold only this complaint's payloads: its attachments (including any saved before the complaint
    /// listed them) and its raw payload's folder (including a copy stored by an attempt that crashed before recording).
    /// </summary>
    public static IEnumerable<string> PayloadFolders(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        yield return $"attachments/{complaint.Id}/";
        if (complaint.RawPayload is { } raw && raw.LastIndexOf('/') is var slash and > 0 && raw[..slash].EndsWith("/" + complaint.Id, StringComparison.Ordinal))
        {
            yield return raw[..(slash + 1)];
        }
    }

    private static Complaint Erased(Complaint c, DateTimeOffset now) => c with
    {
        ErasedAt = now,
        Contact = new ContactDetails(),
        Subject = null,
        Text = Placeholder,
        // Where and which account identify the person; the kind of demand and its sum stay (redress statistics).
        Facts = c.Facts is null ? null : c.Facts with { Place = null, Account = null, Demand = c.Facts.Demand is null ? null : c.Facts.Demand with { Detail = null } },
        SourceMessageId = Placeholder,
        Fingerprint = null,
        RawPayload = null,
        Replies = [.. c.Replies.Select(r => r with { MessageId = Placeholder, Text = Placeholder, From = null, RawPayload = null })],
        Attachments = [],
        AttachmentsNotKept = [],
        Triage = c.Triage is null ? null : c.Triage with
        {
            // The rules and weights stay (they explain the priority); the words they matched were the customer's.
            Reasons = [.. c.Triage.Reasons.Select(r => r with { Match = null, Start = null, Length = null, Field = null })],
        },
        Resolution = c.Resolution is null ? null : c.Resolution with { Text = Placeholder },
        Compensations = [.. c.Compensations.Select(x => x with { Reason = Placeholder, DecisionReason = x.DecisionReason is null ? null : Placeholder })],
        SurveyAnswers = [.. c.SurveyAnswers.Select(a => a with { Comment = a.Comment is null ? null : Placeholder })],
        Notifications = [.. c.Notifications.Select(n => IsUnsentCustomerNotice(n) ? n with { Status = NotificationStatus.Failed } : n)
            .Select(n => n.Data.Keys.Any(FreeTextKeys.Contains) ? n with { Data = RedactedData(n.Data) } : n)],
    };

    private static bool IsUnsentCustomerNotice(Notification n) => n.Recipient is null && n.Status is NotificationStatus.Pending or NotificationStatus.Sending;

    private static bool HasStaffFreeText(ComplaintEvent e) =>
        e.Actor is not (Actors.System or Actors.Customer) && FreeTextKeys.Any(k => e.Data.TryGetValue(k, out var v) && v.Length > 0 && v != Placeholder);

    private static ComplaintEvent Redacted(ComplaintEvent e) => e with { Data = RedactedData(e.Data) };

    /// <summary>Staff free text (a note, an interim reply's words) replaced; the rest kept.</summary>
    private static Dictionary<string, string> RedactedData(IReadOnlyDictionary<string, string> data) =>
        data.ToDictionary(kv => kv.Key, kv => FreeTextKeys.Contains(kv.Key) && kv.Value.Length > 0 ? Placeholder : kv.Value);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
