using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Intake;

/// <summary>
/// Whether a complaint just received sets off a safeguarding rule, decided at once on its words (the rules are
/// keyword rules and need no sentiment), so the confirmation the customer sees gives who to call now without waiting
/// for Triage. Triage later decides the same on the same rules and flags the complaint.
/// </summary>
public sealed class SafeguardingAdvice(TriageEngine engine)
{
    public EmergencyContact? For(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var words = new SentimentResult { DocumentId = complaint.Id, Label = SentimentLabel.Neutral, Positive = 0, Neutral = 1, Negative = 0, Analyzer = "none" };
        var triage = engine.Score(new TriageInput { Text = complaint.Text, Subject = complaint.Subject, Language = complaint.Language }, words);
        return triage.Safeguarding ? EmergencyContacts.For(complaint) : null;
    }
}
