using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>
/// Threats of violence go to the supervisors at once (issue 20 item 6): triage escalates the complaint to the
/// supervisors' view and emails the team supervisors, once however often the message is delivered; the same for a
/// threat that arrives later in a reply; an ordinary complaint goes nowhere.
/// </summary>
public sealed class ThreatRoutingTests
{
    // Monday 7 December 2026, 10:00 in Beijing.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPipeline _pipeline;

    public ThreatRoutingTests() => _pipeline = new InMemoryPipeline(_time);

    private IEnumerable<EmailMessage> SupervisorAlerts =>
        _pipeline.Email.Sent.Where(m => m.To == _pipeline.DeadlineOptions.TeamSupervisorEmail);

    [Theory]
    [InlineData("en", "If the engineer does not come today I know where you live and I will kill you.")]
    [InlineData("zh-Hans", "再不来修，我就去营业厅砍人，弄死你们。")]
    public async Task A_threat_in_a_complaint_is_escalated_to_the_supervisors_by_the_system_with_one_alert_when_delivered_twice(string language, string text)
    {
        var id = (await _pipeline.SubmitAsync("threat-" + language, text, language: language)).Complaint.Id;

        await _pipeline.RunTriageAsync(deliveries: 2);
        await _pipeline.RunNotifyAsync(deliveries: 2);

        var complaint = await _pipeline.ComplaintAsync(id);
        var escalation = complaint.AuthorityEscalation;
        Assert.NotNull(escalation);
        Assert.Equal(AuthorityEscalation.ThreatOfViolence, escalation.Reason);
        Assert.Equal(Actors.System, escalation.RaisedBy);
        var recorded = Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.AuthorityEscalated);
        Assert.Equal("complaint", recorded.Data["trigger"]);
        var alert = Assert.Single(SupervisorAlerts);
        Assert.Contains(complaint.Reference, alert.Subject, StringComparison.Ordinal);
        Assert.Contains("THREAT OF VIOLENCE", alert.Subject, StringComparison.Ordinal);
        // The alert names the complaint, never the customer's words.
        Assert.DoesNotContain(language == "en" ? "kill you" : "砍人", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_complaint_is_not_escalated()
    {
        var id = (await _pipeline.SubmitAsync("calm", "My bill doubled without notice and nobody answers the phone.")).Complaint.Id;

        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        Assert.Null((await _pipeline.ComplaintAsync(id)).AuthorityEscalation);
        Assert.Empty(SupervisorAlerts);
    }

    [Fact]
    public async Task A_threat_that_arrives_in_a_later_text_reaches_the_supervisors_too()
    {
        var first = await _pipeline.TextAsync("SM-first", "电费单金额不对，多扣了两百元。", "+8613800138000");
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        // A few minutes later, inside the window in which a text joins the complaint its number opened.
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = await _pipeline.TextAsync("SM-second", "再不退钱我就去你们营业厅砍人。", "+8613800138000");

        Assert.Equal((InboundSmsOutcomeKind.Appended, first.ComplaintId), (second.Kind, second.ComplaintId));

        var complaint = await _pipeline.ComplaintAsync(first.ComplaintId!);
        Assert.Equal(AuthorityEscalation.ThreatOfViolence, complaint.AuthorityEscalation?.Reason);
        var recorded = Assert.Single(await _pipeline.HistoryAsync(complaint.Id), e => e.Type == EventTypes.AuthorityEscalated);
        Assert.Equal("customer-reply", recorded.Data["trigger"]);
        await _pipeline.RunNotifyAsync();
        Assert.Single(SupervisorAlerts);
    }

    [Fact]
    public void Every_rule_routed_to_the_supervisors_is_a_rule_of_the_default_policy()
    {
        var ids = TriagePolicy.Default.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(ThreatRouting.RuleIds, id => Assert.Contains(id, ids));
    }
}
