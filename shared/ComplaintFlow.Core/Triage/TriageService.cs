using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Scores a recorded complaint, gives it its deadlines and asks for its acknowledgement. Safe to run twice for the
/// same complaint: the second run finds it scored and only re-sends the queue messages for notices still pending.
/// </summary>
public sealed class TriageService(
    IComplaintStore complaints,
    ITextAnalyzer analyzer,
    TriageEngine engine,
    DeadlinePlanner planner,
    Notices notices,
    TimeProvider time,
    IContactHistory contacts,
    ReplyTriage replies,
    DeadlineOptions deadlineOptions,
    IncidentMatching incidents)
{
    public async Task HandleAsync(IntakeMessage message, CancellationToken cancellationToken)
    {
        // Intake carries the complaint as it created it: scored against that version, the usual case reads nothing.
        // Anything written since (a desk action, a reply, an erasure) makes the save a conflict, and the message is
        // then handled from what is stored, from the start (the count and the analysis too), as if nothing was carried.
        if (message.Carried?.For(message.ComplaintId) is { Complaint.Status: ComplaintStatus.Received } carried)
        {
            try
            {
                await HandleAsync(carried, message.TraceParent, attempts: 1, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Changed since Intake queued the message: read it below.
            }
        }

        var current = await complaints.FindAsync(message.ComplaintId, cancellationToken)
            ?? throw new ComplaintNotFoundException(message.ComplaintId);
        await HandleAsync(current, message.TraceParent, attempts: 10, cancellationToken);
    }

    private async Task HandleAsync(VersionedComplaint current, string? traceParent, int attempts, CancellationToken cancellationToken)
    {
        var complaint = current.Complaint;
        if (complaint.Status == ComplaintStatus.Received)
        {
            // Intake recorded the contact before it queued this message (IntakeService), so a retry counts the same
            // contacts without writing the row again.
            var since = complaint.ReceivedAt.AddDays(-engine.Policy.RepeatWindowDays);
            var earlier = await contacts.CountEarlierAsync(complaint.Contact, complaint.Id, since, cancellationToken);

            // Analysis may call a remote service: do it once, outside the read-modify-write loop.
            var sentiment = (await analyzer.AnalyzeAsync(
                [new TextDocument(complaint.Id, complaint.Text, complaint.Language)], cancellationToken))[0];
            var triage = engine.Score(
                new TriageInput { Text = complaint.Text, Subject = complaint.Subject, Language = complaint.Language, EarlierContacts = earlier, Demand = complaint.Facts?.Demand },
                sentiment);

            await planner.RefreshAsync(cancellationToken);
            var incident = incidents.Match(complaint, triage, await incidents.OpenAsync(cancellationToken));
            // Written against the version just read (or carried): no second read unless someone wrote in between.
            current = await complaints.UpdateAsync(complaint.Id, current, c => c.Status == ComplaintStatus.Received ? Score(c, triage, incident) : null, cancellationToken, attempts)
                ?? current;
            complaint = current.Complaint;
        }

        // The incident's index of links follows the complaint; a retry after a failure here writes it again.
        await incidents.IndexAsync(complaint, cancellationToken);

        // The acknowledgement, and the supervisors' alert when a threat of violence was routed to them; the first
        // carries the complaint as just saved, so Notify claims it without reading it.
        await notices.QueueUnsettledAsync(current, n => n.Kind is NotificationKind.Acknowledgement or NotificationKind.StaffAlert, traceParent, cancellationToken);
    }

    private ComplaintChange Score(Complaint complaint, TriageResult triage, IncidentMatch? incident)
    {
        var now = time.GetUtcNow();
        var deadlines = planner.Plan(complaint, triage);
        var referrals = planner.ReferralsFor(complaint, triage);
        var data = new Dictionary<string, string>
        {
            ["priority"] = triage.Priority.ToString(),
            ["urgency"] = triage.Urgency.ToString("0.#", CultureInfo.InvariantCulture),
            ["sentiment"] = triage.Sentiment.Label.ToString(),
            ["category"] = triage.PrimaryCategory,
            ["escalation"] = triage.EscalationGrade.ToString(),
            ["analyzer"] = triage.Sentiment.Analyzer,
            ["categories"] = string.Join(",", triage.Categories),
            ["explanation"] = triage.Explanation,
            ["safeguarding"] = triage.Safeguarding ? "true" : "false",
            ["profiles"] = string.Join(",", planner.ProfilesFor(complaint, triage)),
        };
        var change = complaint.Change(now)
            .Apply(c => c with { Status = ComplaintStatus.Open, Triage = triage, Deadlines = deadlines, Referrals = referrals })
            .Record(EventTypes.Scored, Actors.System, data);
        ThreatRouting.Apply(change, triage, deadlineOptions.TeamSupervisorEmail, "complaint", now);

        // Linked to a known incident, the acknowledgement says the problem is known and what is being done.
        var acknowledgement = IncidentMatching.Apply(change, incident);
        change.Apply(c => Notices.ForCustomer(c, NotificationKind.Acknowledgement, now, acknowledgement));

        // Texts that joined the complaint before it was scored (a second SMS a minute later) are read as replies: one
        // that adds a risk raises the priority now, before the acknowledgement states the dates.
        foreach (var reply in complaint.Replies)
        {
            replies.Apply(change, reply, now);
        }

        return change;
    }
}
