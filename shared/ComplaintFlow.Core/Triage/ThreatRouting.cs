using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Threats of violence go to the supervisors at once (issue 20 item 6): when triage finds one, in the complaint or in
/// a reply to it, the complaint is escalated to the supervisors' "Escalated to supervisor" view by the system (the same
/// escalation an agent raises by authority, with the reason <see cref="AuthorityEscalation.ThreatOfViolence"/>) and
/// the team supervisors get an email alert naming the reference only. A supervisor then takes it over or returns it,
/// as for any escalation. Nothing happens when one is already open: the supervisors are already looking at it.
/// </summary>
public static class ThreatRouting
{
    /// <summary>The triage rules whose match is a threat or fear of violence.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = ["safeguarding-violence"];

    public static bool IsThreat(TriageResult? triage) =>
        triage is not null && triage.Reasons.Any(r => RuleIds.Contains(r.Rule, StringComparer.Ordinal));

    /// <summary>Adds the escalation, its event and the supervisors' alert to <paramref name="change"/> when <paramref name="read"/> found a threat.</summary>
    /// <param name="trigger">What carried the threat: <c>complaint</c> or <c>customer-reply</c>.</param>
    public static void Apply(ComplaintChange change, TriageResult read, string supervisors, string trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var complaint = change.State;
        if (!IsThreat(read) || complaint.AuthorityEscalation is not null
            || complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed)
        {
            return;
        }

        var data = new Dictionary<string, string>
        {
            ["reason"] = AuthorityEscalation.ThreatOfViolence,
            ["trigger"] = trigger,
            ["owner"] = complaint.Owner ?? string.Empty,
            ["to"] = supervisors,
        };
        change.Apply(c => c with
        {
            AuthorityEscalation = new AuthorityEscalation { Reason = AuthorityEscalation.ThreatOfViolence, RaisedBy = Actors.System, RaisedAt = now },
        })
            .Apply(c => Notices.ForStaff(c, supervisors, now, new Dictionary<string, string> { ["reason"] = AuthorityEscalation.ThreatOfViolence, ["trigger"] = trigger }))
            .Record(EventTypes.AuthorityEscalated, Actors.System, data);
    }
}
