using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Compensation above an agent's limit (the default: CNY 1,000) in the browser: the agent records it and is told it
/// waits for a supervisor, and cannot resolve until it is decided; a supervisor finds it on "Awaiting approval" and
/// approves it in Chinese; another rejects a second one in English, with a reason. Every step is on the timeline.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CompensationApprovalPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Compensation_above_an_agents_limit_waits_for_a_supervisor_who_approves_in_Chinese_and_another_rejects_in_English()
    {
        var seeded = await SeededComplaints.OpenAsync(_host, "approval-browser", DateTimeOffset.UtcNow.AddDays(3), owner: "amy@desk.example");
        var reference = ComplaintId.ToReference(seeded.Id);
        var errors = new List<string>();

        var agent = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        await agent.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await RecordAsync(agent, "1500", "Three days without broadband");
        await Expect(agent.Locator("#approval-card")).ToBeVisibleAsync();
        await Expect(agent.Locator("#approval-list .approval")).ToContainTextAsync("Above your limit: waiting for a supervisor's approval.");
        await Expect(agent.Locator("#approval-list button")).ToHaveCountAsync(0);
        await Expect(agent.Locator("#timeline li[data-type=compensation]")).ToContainTextAsync("above the limit (CNY 1000.00): awaiting a supervisor's approval");
        await RecordAsync(agent, "3000", "Engineer missed two appointments");
        await Expect(agent.Locator("#approval-list .approval")).ToHaveCountAsync(2);

        // Resolving now would send a letter without the compensation the customer was offered.
        await agent.FillAsync("#resolution-text", "We credited your account for the outage.");
        await agent.SelectOptionAsync("#root-cause", "our-error");
        await agent.ClickAsync("#resolve");
        await Expect(agent.Locator("#banner")).ToContainTextAsync("awaiting a supervisor's approval");
        await Expect(agent.Locator("#title")).Not.ToContainTextAsync("Resolved");
        await PortalPages.ScreenshotAsync(agent, "40-compensation-awaiting-agent-en");

        var sam = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(sam, "sam@desk.example", "supervisor");
        await sam.ClickAsync("#nav-approvals");
        await sam.WaitForURLAsync("**/portal/approvals.html");
        await sam.ClickAsync("#desk-lang-zh-Hans");
        await Expect(sam.Locator("h1")).ToHaveTextAsync("待批准");
        var rows = sam.Locator("#approvals tbody tr", new() { HasText = reference });
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("CNY 1500.00");
        await Expect(rows.First).ToContainTextAsync("amy@desk.example");
        await Axe.AssertCleanAsync(sam, "awaiting approval, Chinese");
        await PortalPages.ScreenshotAsync(sam, "41-awaiting-approval-zh-Hans");

        await rows.First.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(sam.Locator("#approval-card h2")).ToHaveTextAsync("待批准的补偿");
        await sam.ClickAsync("#approve-button-1");
        await Expect(sam.Locator("#timeline li[data-type=compensation-approved]")).ToContainTextAsync("第 1 笔补偿（CNY 1500.00），由 amy@desk.example 记录");
        await Expect(sam.Locator("#approval-list .approval")).ToHaveCountAsync(1);
        await Expect(sam.Locator("#resolution")).ToContainTextAsync("已批准");
        await Axe.AssertCleanAsync(sam, "complaint with compensation awaiting approval, Chinese");
        await PortalPages.ScreenshotAsync(sam, "42-compensation-approved-zh-Hans");

        var kim = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(kim, "kim@desk.example", "supervisor");
        await kim.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await kim.ClickAsync("#reject-button-2");
        await Expect(kim.Locator("#reject-2 [data-error-for=reason]")).ToHaveTextAsync("Say why the compensation is rejected.");
        await kim.FillAsync("#reject-reason-2", "Missed appointments are covered by the CNY 1500 already approved.");
        await kim.ClickAsync("#reject-button-2");
        await Expect(kim.Locator("#timeline li[data-type=compensation-rejected]")).ToContainTextAsync("compensation 2 (CNY 3000.00) recorded by amy@desk.example: Missed appointments are covered");
        await Expect(kim.Locator("#approval-card")).ToBeHiddenAsync();
        await Expect(kim.Locator("#resolution")).ToContainTextAsync("rejected");
        await Axe.AssertCleanAsync(kim, "complaint after rejection, English");
        await PortalPages.ScreenshotAsync(kim, "43-compensation-rejected-en");

        // Decided both ways: the agent resolves, and the dashboard counts only the approved CNY 1500.
        await agent.ReloadAsync();
        await Expect(agent.Locator("#approval-card")).ToBeHiddenAsync();
        await agent.FillAsync("#resolution-text", "We credited your account for the outage.");
        await agent.SelectOptionAsync("#root-cause", "our-error");
        await agent.ClickAsync("#resolve");
        await agent.ClickAsync("#resolve-confirm"); // "Resolve and send" shows the letter first
        await Expect(agent.Locator("#title")).ToContainTextAsync("Resolved");
        var stats = await agent.EvaluateAsync<string>("async () => JSON.stringify((await (await fetch('/api/portal/stats?days=30')).json()).redress)");
        Assert.Contains("\"offered\":1500", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("4500", stats, StringComparison.Ordinal);
        // The browser logs the refused resolve (409) and the rejection without a reason (400) it was meant to get.
        var unexpected = errors.Where(e => !e.Contains("status of 409", StringComparison.Ordinal) && !e.Contains("status of 400", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }

    private static async Task RecordAsync(IPage page, string amount, string reason)
    {
        var before = await page.Locator("#timeline li[data-type=compensation]").CountAsync();
        await page.FillAsync("#amount", amount);
        await page.FillAsync("#currency", "CNY");
        await page.FillAsync("#compensation-reason", reason);
        await page.CheckAsync("#accepted");
        await page.ClickAsync("#compensation-form button[type=submit]");
        await Expect(page.Locator("#timeline li[data-type=compensation]")).ToHaveCountAsync(before + 1);
    }
}
