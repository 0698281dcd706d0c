using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Difficult contacts in the browser: a supervisor working in Chinese flags the person behind a complaint as abusive
/// (the plan starts as the policy's plan in Chinese; a missing reason is refused beside its field), and an agent
/// working in English opens the same person's text-message complaint and sees the flag and the agreed plan first,
/// without the form to set one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactFlagPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_flags_a_contact_in_Chinese_and_an_agent_sees_it_on_the_persons_other_complaint_in_English()
    {
        var due = DateTimeOffset.UtcNow.AddDays(3);
        var first = await SeededComplaints.OpenAsync(_host, "flag-browser-1", due,
            contact: new ContactDetails { Name = "王芳", Email = "wang.fang@example.cn", Phone = "+8613800138000" }, text: "第四次投诉同一张账单。");
        var second = await SeededComplaints.OpenAsync(_host, "flag-browser-2", due, owner: "amy@desk.example",
            contact: new ContactDetails { Phone = "+8613800138000" }, text: "又是这张账单。");
        var errors = new List<string>();

        var sam = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(sam, "sam@desk.example", "supervisor");
        await sam.GotoAsync($"/portal/complaint.html?id={first.Id}");
        await sam.ClickAsync("#desk-lang-zh-Hans");
        await Expect(sam.Locator("#contact-flags-title")).ToHaveTextAsync("特殊客户");
        await sam.Locator("#flag-details summary").ClickAsync();
        await sam.SelectOptionAsync("#flag-kind", "abusive");
        await Expect(sam.Locator("#flag-plan")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("任何人不得单独与该客户见面"));
        await sam.ClickAsync("#flag-contact");
        await Expect(sam.Locator("#flag-form [data-error-for=reason]")).ToHaveTextAsync("请说明原因：客户做了什么，何时。");
        await sam.FillAsync("#flag-reason", "12月3日、4日两次在电话中辱骂坐席。");
        await sam.ClickAsync("#flag-contact");
        await Expect(sam.Locator("#contact-flags-title")).ToHaveTextAsync("已标记客户：按商定方案处理");
        await Expect(sam.Locator(".contact-flag[data-kind=abusive] h3")).ToContainTextAsync("言行过激或威胁的客户");
        await Expect(sam.Locator("#timeline li[data-type=contact-flagged]")).ToContainTextAsync("12月3日、4日两次在电话中辱骂坐席。");
        await Axe.AssertCleanAsync(sam, "contact flagged, supervisor, Chinese");
        await PortalPages.ScreenshotAsync(sam, "64-contact-flagged-supervisor-zh-Hans");
        await PortalPages.DocumentAsync(sam, "desk-contact-flag", "zh-Hans");

        var amy = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(amy, "amy@desk.example", "agent");
        await amy.GotoAsync($"/portal/complaint.html?id={second.Id}");
        await Expect(amy.Locator("#contact-flags-title")).ToHaveTextAsync("Flagged contact: handle as agreed");
        await Expect(amy.Locator(".contact-flag[data-kind=abusive] h3")).ToContainTextAsync("Abusive or threatening contact");
        await Expect(amy.Locator(".contact-flag .flag-plan li").First).ToContainTextAsync("任何人不得单独与该客户见面");
        await Expect(amy.Locator("#flag-form")).ToHaveCountAsync(0);
        await Expect(amy.Locator(".lift-flag")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(amy, "flagged contact, agent, English");
        await PortalPages.ScreenshotAsync(amy, "65-flagged-contact-agent-en");
        await PortalPages.DocumentAsync(amy, "desk-contact-flag", "en");

        // The browser logs the refusal (400) it was meant to get.
        var unexpected = errors.Where(e => !e.Contains("status of 400", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }
}
