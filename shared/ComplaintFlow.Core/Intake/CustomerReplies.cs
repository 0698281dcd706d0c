using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Intake;

/// <summary>
/// Appends what a customer sends about an existing complaint. A complaint waiting on the customer resumes: their
/// answer is what it waited for, so the paused clocks restart (extended by the time paused). A resolved complaint
/// reopens, with a callback deadline, as the practice requires: a customer who writes again after the resolution
/// is not satisfied with it, and a message filed on a closed case is read by nobody. An open complaint's reply is read
/// by the triage rules: one that carries a higher risk raises the priority and plans the internal clocks again
/// (<see cref="ReplyTriage"/>).
/// </summary>
public sealed class CustomerReplies(DeadlineClock clock, DeadlinePlanner planner, ReplyTriage triage)
{
    /// <returns>The change to save, or null when this message is already on the complaint (a redelivery).</returns>
    public ComplaintChange? Append(Complaint complaint, CustomerReply reply, IReadOnlyList<ComplaintAttachment> attachments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(attachments);
        if (complaint.SourceMessageId == reply.MessageId || complaint.Replies.Any(r => r.MessageId == reply.MessageId))
        {
            return null;
        }

        var known = complaint.Attachments.Select(a => a.BlobName).ToHashSet(StringComparer.Ordinal);
        var change = complaint.Change(now)
            .Apply(c => c with
            {
                Replies = [.. c.Replies, reply],
                Attachments = [.. c.Attachments, .. attachments.Where(a => !known.Contains(a.BlobName))],
            })
            .Record(EventTypes.CustomerReply, Actors.Customer, new Dictionary<string, string>
            {
                ["channel"] = reply.Channel.ToString(),
                ["characters"] = reply.Text.Length.ToString(CultureInfo.InvariantCulture),
                ["attachments"] = attachments.Count.ToString(CultureInfo.InvariantCulture),
            });

        if (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed && complaint.ErasedAt is null)
        {
            var callback = planner.PlanCallback(now);
            change.Apply(c => Reopening.Reopen(c, now, callback))
                .Record(EventTypes.Reopened, Actors.Customer, new Dictionary<string, string>
                {
                    ["reason"] = "customer-wrote-after-resolution",
                    ["channel"] = reply.Channel.ToString(),
                });
        }

        if (complaint.Status == ComplaintStatus.WaitingOnCustomer)
        {
            var resumed = clock.Resume(complaint.Deadlines, now);
            change.Apply(c => c with { Status = ComplaintStatus.Open, Deadlines = resumed })
                .Record(EventTypes.Resumed, Actors.Customer, DeadlineClock.Describe(complaint.Deadlines, resumed));
        }

        triage.Apply(change, reply, now);
        return change;
    }

    /// <summary>Lists attachments stored after the complaint was created; null when all are already listed.</summary>
    public static ComplaintChange? ListAttachments(Complaint complaint, IReadOnlyList<ComplaintAttachment> attachments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var known = complaint.Attachments.Select(a => a.BlobName).ToHashSet(StringComparer.Ordinal);
        var added = attachments.Where(a => !known.Contains(a.BlobName)).ToList();
        return added.Count == 0 ? null : complaint.Change(now).Apply(c => c with { Attachments = [.. c.Attachments, .. added] });
    }
}
