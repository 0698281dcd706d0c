using System.Net.Http.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>The supervisors' poison panel on the dashboard: what was given up on, why, and the replay button.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PoisonQueueTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_sees_why_a_notice_was_given_up_on_and_replays_it_from_the_dashboard_without_a_second_email()
    {
        var accepted = await (await _host.SubmitAsync(new { email = "panel@example.com", text = "Still no refund.", language = "en" })).Content
            .ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        var complaint = (await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the acknowledgement",
            TimeSpan.FromSeconds(90)))!;
        // The notice's last delivery failed after SendGrid had in fact taken it: parked, with its reason.
        var poison = _host.Services.GetRequiredService<IPoisonQueues>();
        await poison.ParkAsync(
            QueueNames.Notifications,
            System.Text.Json.JsonSerializer.Serialize(new NotificationMessage(id, complaint.Notifications[0].Id), ComplaintJson.Options),
            new DeliveryFailure { Function = "Notify", Error = "TimeoutRejectedException", Attempts = 5, FailedAt = DateTimeOffset.UtcNow },
            CancellationToken.None);

        var agent = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        await agent.GotoAsync("/portal/dashboard.html");
        await Expect(agent.Locator("#summary")).ToContainTextAsync("complaint(s) received");
        await Expect(agent.Locator("#poison-card")).ToBeHiddenAsync();

        var supervisor = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(supervisor, "sam@desk.example", "agent", "supervisor");
        await supervisor.GotoAsync("/portal/dashboard.html");
        var row = supervisor.Locator("#poison tbody tr", new PageLocatorOptions { HasText = id });
        await Expect(row).ToContainTextAsync("Notify: TimeoutRejectedException after 5 attempt(s)");
        await PortalPages.ScreenshotAsync(supervisor, "10-dashboard-poison");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Replay" }).ClickAsync();

        await Expect(supervisor.Locator("#poison-banner")).ToHaveTextAsync("Replayed 1 message(s) to notifications.");
        await Expect(supervisor.Locator("#poison tbody")).ToContainTextAsync("Nothing in the poison queues.");
        Assert.Empty(await poison.ListAsync(QueueNames.Notifications, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(6)); // past host.json's visibilityTimeout: a second email would be here by now
        Assert.Single(_host.Mailbox.Emails, e => e.CustomArgs.GetValueOrDefault("complaintId") == id);
    }
}
