using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Reads what a customer writes about a complaint already triaged with the same rules as a new complaint, and raises
/// its priority when the message carries a higher risk ("the power is still off and my father's oxygen concentrator
/// has stopped" on a P4 billing query): the internal clocks are planned again (<see cref="DeadlinePlanner.Replan"/>)
/// and a <c>priority-changed</c> event by the system gives the reply's reasons. It only ever raises: a calm reply
/// does not undo a risk found earlier, and lowering a priority is a person's decision. Statutory clocks never move.
/// The embedded lexicon scores the reply's sentiment, so reading a reply makes no remote call inside the complaint's
/// read-modify-write; the change is part of the reply's own, so a redelivered reply (a no-op) never raises twice.
/// </summary>
public sealed class ReplyTriage(TriageEngine engine, LexiconAnalyzer sentiment, DeadlinePlanner planner, DeadlineOptions deadlineOptions)
{
    /// <summary>Adds the raise to <paramref name="change"/> when the reply calls for it; otherwise leaves it as it is.</summary>
    public void Apply(ComplaintChange change, CustomerReply reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reply);
        var complaint = change.State;
        if (complaint.Triage is not { } triage || complaint.ErasedAt is not null
            || complaint.Status is ComplaintStatus.Received or ComplaintStatus.Resolved or ComplaintStatus.Closed)
        {
            return;
        }

        var read = engine.Score(
            new TriageInput { Text = reply.Text, Language = complaint.Language },
            sentiment.Analyze(new TextDocument(complaint.Id, reply.Text, complaint.Language)));
        // A threat in a reply reaches the supervisors whatever it does to the priority (already P1, it would not raise it).
        ThreatRouting.Apply(change, read, deadlineOptions.TeamSupervisorEmail, PriorityTriggers.CustomerReply, now);
        if (read.Priority >= triage.Priority)
        {
            return;
        }

        var deadlines = planner.Replan(complaint, read.Priority, now);
        var data = DeadlinePlanner.DescribeReplan(complaint, deadlines, read.Priority, read.Explanation);
        data["trigger"] = PriorityTriggers.CustomerReply;
        data["channel"] = reply.Channel.ToString();
        var raised = triage with
        {
            Priority = read.Priority,
            Urgency = Math.Max(triage.Urgency, read.Urgency),
            Safeguarding = triage.Safeguarding || read.Safeguarding,
            EscalationGrade = read.EscalationGrade > triage.EscalationGrade ? read.EscalationGrade : triage.EscalationGrade,
            // The reply's reasons point into the reply, not into the complaint's text: keep the words, drop the offsets.
            Reasons = [.. triage.Reasons, .. read.Reasons.Select(r => r with { Description = $"reply: {r.Description}", Start = null, Length = null, Field = "reply" })],
        };
        change.Apply(c => c with { Triage = raised, Deadlines = deadlines })
            .Record(EventTypes.PriorityChanged, Actors.System, data);
    }
}
