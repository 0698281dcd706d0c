using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Reliability;

/// <summary>
/// Two people acting on one complaint at the same moment, from the same version of the page: one wins, the other
/// is told it changed (409/412 problem+json), and the effect (event, owner, notice) happens once.
/// </summary>
public sealed class ConcurrentStaffTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Two_staff_resolving_one_complaint_at_once_make_one_resolution_and_one_notice_and_the_other_gets_a_conflict()
    {
        var id = await AcknowledgedComplaintAsync("race@example.com");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sue = await StaffSession.SignInAsync(_host, "sue@desk.example", "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "claim")).StatusCode);
        var (_, version) = await amy.ComplaintAsync(id);

        var answers = await Task.WhenAll(
            amy.PostAsync($"/api/portal/complaints/{id}/resolve", Resolution("Amy's answer: refunded."), version),
            sue.PostAsync($"/api/portal/complaints/{id}/resolve", Resolution("Sue's answer: credited."), version));

        var winner = await AssertOneWinsAsync(answers);
        var history = await _host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        var resolved = Assert.Single(history, e => e.Type == EventTypes.Resolved);
        Assert.Equal(winner == 0 ? "amy@desk.example" : "sue@desk.example", resolved.Actor);
        var notices = await AppHost.EventuallyAsync(
            () => Task.FromResult<int?>(ResolutionEmails(id).Count),
            n => n > 0,
            "the resolution notice",
            TimeSpan.FromSeconds(60));
        await ProviderFaultTests.AssertStillOnlyAsync(() => ResolutionEmails(id).Count, 1);
        Assert.Contains(winner == 0 ? "Amy's answer" : "Sue's answer", ResolutionEmails(id)[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, notices);
    }

    [Fact]
    public async Task Two_agents_claiming_one_complaint_at_once_leave_one_owner_and_one_assignment()
    {
        var ids = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => AcknowledgedComplaintAsync($"claim{i}@example.com")));
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var bob = await StaffSession.SignInAsync(_host, "bob@desk.example", "agent");

        foreach (var id in ids)
        {
            var (_, version) = await amy.ComplaintAsync(id);
            var answers = await Task.WhenAll(
                amy.PostAsync($"/api/portal/complaints/{id}/claim", null, version),
                bob.PostAsync($"/api/portal/complaints/{id}/claim", null, version));

            var winner = await AssertOneWinsAsync(answers);
            var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
            Assert.Equal(winner == 0 ? "amy@desk.example" : "bob@desk.example", complaint.Owner);
            Assert.Single(await _host.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.Assigned);
        }
    }

    [Fact]
    public async Task Two_supervisors_assigning_one_complaint_at_once_leave_it_with_one_of_them_and_one_assignment()
    {
        var id = await AcknowledgedComplaintAsync("assign@example.com");
        using var sue = await StaffSession.SignInAsync(_host, "sue@desk.example", "supervisor");
        using var tom = await StaffSession.SignInAsync(_host, "tom@desk.example", "supervisor");

        // Complaints go only to staff the desk knows: these two have signed in.
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var bob = await StaffSession.SignInAsync(_host, "bob@desk.example", "agent");
        var (_, version) = await sue.ComplaintAsync(id);

        var answers = await Task.WhenAll(
            sue.PostAsync($"/api/portal/complaints/{id}/assign", new { assignee = "amy@desk.example" }, version),
            tom.PostAsync($"/api/portal/complaints/{id}/assign", new { assignee = "bob@desk.example" }, version));

        var winner = await AssertOneWinsAsync(answers);
        Assert.Equal(winner == 0 ? "amy@desk.example" : "bob@desk.example", (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Owner);
        Assert.Single(await _host.Complaints.GetHistoryAsync(id, CancellationToken.None), e => e.Type == EventTypes.Assigned);
    }

    /// <returns>The index of the request that won.</returns>
    private static async Task<int> AssertOneWinsAsync(HttpResponseMessage[] answers)
    {
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var winner = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = answers[1 - winner];
        Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed });
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return winner;
    }

    private static object Resolution(string text) => new { resolution = text, rootCause = "our-error", correctiveAction = "Billing check added." };

    private List<Fakes.SendGrid.ReceivedEmail> ResolutionEmails(string id) =>
        [.. _host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id && e.Subject.Contains("Our answer", StringComparison.Ordinal))];

    private async Task<string> AcknowledgedComplaintAsync(string email)
    {
        var id = await ProviderFaultTests.SubmitAsync(_host, new { email, text = "I was charged twice this month.", language = "en" });
        await ProviderFaultTests.AcknowledgedAsync(_host, id);
        return id;
    }
}
