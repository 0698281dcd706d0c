using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>From the web form to a written resolution and the customer's survey answer, through the real queues.</summary>
public sealed partial class ResolutionFlowTests
{
    [Fact]
    public async Task Resolution_is_emailed_with_referral_rights_and_a_dissatisfied_survey_answer_reopens_for_callback()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });
        var accepted = await (await host.SubmitAsync(new { email = "chen@example.com", text = "Charged twice for March.", language = "en" }, "flow-1"))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90));
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");

        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "claim")).StatusCode);
        var resolved = await amy.ActAsync(id, "resolve", new { resolution = "We refunded the second charge of CNY 88.", rootCause = "our-error", correctiveAction = "Duplicate-charge check added." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var emails = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<ReceivedEmail>?>(host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id).ToList()),
            list => list?.Count == 3,
            "acknowledgement, resolution and survey emails",
            TimeSpan.FromSeconds(90));
        var resolution = emails.Single(e => e.Subject.Contains("Our answer", StringComparison.Ordinal));
        Assert.Contains("We refunded the second charge of CNY 88.", resolution.Text, StringComparison.Ordinal);
        // A billing complaint in China (the default market) with no business line is a consumer complaint: the letter
        // names the body of the profile that applies (12315), not another sector's regulator.
        Assert.Contains("12315", resolution.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("12300", resolution.Text, StringComparison.Ordinal);
        var survey = emails.Single(e => e.Subject.Contains("How did we handle", StringComparison.Ordinal));
        var link = SurveyLink().Match(survey.Text!);
        Assert.True(link.Success, "the survey email carries the survey link");

        var wrongToken = await host.Client.PostAsJsonAsync("/api/survey", new { reference = link.Groups["reference"].Value, token = "guess", score = 1 });
        var answer = await host.Client.PostAsJsonAsync("/api/survey", new { reference = link.Groups["reference"].Value, token = link.Groups["token"].Value, score = 1, comment = "Nobody called me." });
        var again = await host.Client.PostAsJsonAsync("/api/survey", new { reference = link.Groups["reference"].Value, token = link.Groups["token"].Value, score = 5 });

        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var complaint = (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
        Assert.Contains(complaint.Deadlines, d => d.Kind == DeadlineKinds.Callback && d.IsOpen);
        var history = await host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        Assert.Equal(
            [EventTypes.Received, EventTypes.Scored, EventTypes.Assigned, EventTypes.Resolved, EventTypes.FollowUpPlanned, EventTypes.Survey, EventTypes.FollowUpCompleted, EventTypes.Reopened],
            history.Where(e => e.Type != EventTypes.Notified).Select(e => e.Type));
    }

    [GeneratedRegex(@"/survey\?reference=(?<reference>CF-[0-9A-Z-]+)&token=(?<token>[0-9a-f]+)")]
    private static partial Regex SurveyLink();
}
