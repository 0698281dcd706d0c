using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Deadlines;

/// <summary>
/// Through the real worker on Azurite: the acknowledgement's promised date is the date the status page shows, both
/// written in the zone the customer's browser reported, with the zone named.
/// </summary>
public sealed class PromiseAndTimeZoneTests
{
    [Fact]
    public async Task A_UK_customer_is_promised_the_tracked_first_response_in_UK_time_and_the_status_page_says_the_same()
    {
        await using var host = await AppHost.StartAsync();
        var accepted = await (await host.SubmitAsync(new
        {
            email = "amy@example.com",
            text = "My bill doubled without notice and nobody answers the phone.",
            language = "en",
            timeZone = "Europe/London",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        var reference = accepted.GetProperty("reference").GetString()!;

        var emails = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.SendGrid.ReceivedEmail>?>(host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id).ToList()),
            list => list is { Count: > 0 },
            "the acknowledgement at the SendGrid fake");
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}?contact=amy@example.com");
        var complaint = (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;

        var tracked = complaint.Deadlines.Single(d => d is { Clock: "internal", Kind: "first-response" });
        Assert.Equal(tracked.DueAt, status.GetProperty("replyBy").GetDateTimeOffset());
        var replyBy = status.GetProperty("dates").GetProperty("replyBy").GetString()!;
        Assert.Matches(@"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (GMT|BST)$", replyBy);
        Assert.Contains($"respond by {replyBy}", Assert.Single(emails).Text, StringComparison.Ordinal);
        Assert.Equal("Europe/London", status.GetProperty("timeZone").GetString());
    }
}
