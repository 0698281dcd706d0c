using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Escalation by authority (超权限请示) in the browser: an agent escalates in English with a reason and a note (a
/// reason left unchosen is refused beside its field), the complaint shows on the supervisors' "Escalated to supervisor"
/// view, and a supervisor working in Chinese takes it over with a reason; every step is on the timeline.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuthorityEscalationPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_agent_escalates_in_English_and_a_supervisor_takes_it_over_in_Chinese()
    {
        var seeded = await SeededComplaints.OpenAsync(_host, "authority-browser", DateTimeOffset.UtcNow.AddDays(3), owner: "amy@desk.example");
        var reference = ComplaintId.ToReference(seeded.Id);
        var errors = new List<string>();

        var agent = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        await agent.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await Expect(agent.Locator("#escalation-card h2")).ToHaveTextAsync("Escalate by authority");
        await agent.ClickAsync("#escalate");
        await Expect(agent.Locator("#escalate-form [data-error-for=reason]")).ToContainTextAsync("Choose why it is escalated");
        await agent.SelectOptionAsync("#escalate-reason", "compensation-above-limit");
        await agent.FillAsync("#escalate-note", "Customer asks for CNY 5000 for a week without service.");
        await agent.ClickAsync("#escalate");
        await Expect(agent.Locator("#escalation-summary")).ToContainTextAsync("Compensation above my limit");
        await Expect(agent.Locator("#escalation")).ToContainTextAsync("Waiting for a supervisor to take it over or return it.");
        await Expect(agent.Locator("#take-over")).ToHaveCountAsync(0);
        await Expect(agent.Locator("#timeline li[data-type=authority-escalated]")).ToContainTextAsync("Compensation above my limit · Customer asks for CNY 5000");
        await Axe.AssertCleanAsync(agent, "escalated complaint, agent, English");
        await PortalPages.ScreenshotAsync(agent, "60-escalated-by-authority-agent-en");

        var sam = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(sam, "sam@desk.example", "supervisor");
        await PortalPages.FindInListAsync(sam, "authority", reference);
        await sam.ClickAsync("#desk-lang-zh-Hans");
        await Expect(sam.Locator("#nav-authority")).ToContainTextAsync("超权限请示");
        var row = sam.Locator("#queue tbody tr", new() { HasText = reference });
        await Expect(row).ToHaveCountAsync(1);
        await Axe.AssertCleanAsync(sam, "escalated to supervisor view, Chinese");
        await PortalPages.ScreenshotAsync(sam, "61-escalated-to-supervisor-view-zh-Hans");

        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(sam.Locator("#escalation-card h2")).ToHaveTextAsync("超权限请示");
        await Expect(sam.Locator("#escalation-summary")).ToContainTextAsync("补偿超出我的额度");
        await sam.ClickAsync("#take-over");
        await Expect(sam.Locator("#take-over-form [data-error-for=reason]")).ToHaveTextAsync("请说明接手的原因。");
        await sam.FillAsync("#take-over-reason", "超出坐席额度，由我致电客户。");
        await sam.ClickAsync("#take-over");
        await Expect(sam.Locator("#timeline li[data-type=authority-taken-over]")).ToContainTextAsync("主管已接手");
        await Expect(sam.Locator("#timeline li[data-type=authority-taken-over]")).ToContainTextAsync("超出坐席额度，由我致电客户。");
        await Expect(sam.Locator("#escalate-form")).ToBeVisibleAsync();
        Assert.Equal("sam@desk.example", (await _host.Complaints.FindAsync(seeded.Id, CancellationToken.None))!.Complaint.Owner);
        await Axe.AssertCleanAsync(sam, "complaint taken over, Chinese");
        await PortalPages.ScreenshotAsync(sam, "62-escalation-taken-over-zh-Hans");

        // The browser logs the two refusals (400) it was meant to get.
        var unexpected = errors.Where(e => !e.Contains("status of 400", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }
}
