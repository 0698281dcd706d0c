using System.Net.Http.Headers;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// A supervisor asked "I emailed you and heard nothing" opens the desk's ignored and held mail, in English and in
/// Chinese, and reads why each mail opened no complaint: an auto-reply ignored, list mail held, with the customer's
/// words as the desk would show them. Both states pass axe in both languages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HeldMailPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_reads_why_an_auto_reply_was_ignored_and_list_mail_held_in_English_and_Chinese()
    {
        await PostAsync(SendGridPost.Mail("Pat Lee <pat@example.com>", "Automatic reply: Your complaint", "I am out of the office until Monday.", "auto.1@mail.example.com", "Auto-Submitted: auto-replied"));
        await PostAsync(SendGridPost.Mail("Li Wei <li.wei@example.cn>", "[业主群] 路灯又坏了", "高街的路灯已经坏了一个星期。", "list.1@lists.example.cn", "Precedence: list", "List-Id: <residents.lists.example.cn>"));
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "sam@desk.example", "supervisor");

        await page.ClickAsync("#nav-mail");
        await page.WaitForURLAsync("**/portal/mail.html");
        var held = page.Locator("#quarantined details.held-mail");
        var ignored = page.Locator("#ignored details.held-mail");
        await Expect(held).ToHaveCountAsync(1);
        await Expect(held.Locator("summary")).ToContainTextAsync("List or bulk mail (bulk)");
        await Expect(ignored.Locator("summary")).ToContainTextAsync("Auto-reply (auto-reply)");
        await Axe.AssertCleanAsync(page, "held mail, closed, English");

        await held.Locator("summary").ClickAsync();
        await Expect(held.Locator(".outcome")).ToHaveTextAsync("Held for review");
        await Expect(held.Locator(".complaint-text")).ToHaveTextAsync("高街的路灯已经坏了一个星期。");
        await Expect(held).ToContainTextAsync("li.wei@example.cn");
        await ignored.Locator("summary").ClickAsync();
        await Expect(ignored.Locator(".outcome")).ToHaveTextAsync("Ignored");
        await Axe.AssertCleanAsync(page, "held mail, open, English");
        await PortalPages.ScreenshotAsync(page, "30-held-mail-en");

        await page.ClickAsync("#desk-lang-zh-Hans");
        await Expect(page.Locator("h1")).ToHaveTextAsync("已忽略和暂扣的邮件");
        await Expect(held.Locator("summary")).ToContainTextAsync("邮件列表或群发邮件 (bulk)");
        await Expect(ignored.Locator("summary")).ToContainTextAsync("自动回复 (auto-reply)");
        await held.Locator("summary").ClickAsync();
        await Expect(held.Locator(".outcome")).ToHaveTextAsync("暂扣待查");
        await Axe.AssertCleanAsync(page, "held mail, open, Chinese");
        await PortalPages.ScreenshotAsync(page, "31-held-mail-zh-Hans");

        // At 320 px the open explanations wrap (long addresses and blob names included): nothing scrolls sideways.
        await page.SetViewportSizeAsync(320, 640);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the held mail page is {widths[0]} px wide at 320 px");
        await Axe.AssertCleanAsync(page, "held mail, open, Chinese, 320 px");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_agent_has_no_link_to_held_mail_and_is_told_so_on_the_page()
    {
        var page = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(page, "ana@desk.example", "agent");

        await Expect(page.Locator("#nav-mail")).ToHaveCountAsync(0);
        await page.GotoAsync("/portal/mail.html");
        await Expect(page.Locator("#banner")).ToHaveTextAsync("Only supervisors can see ignored and held mail.");
        await Expect(page.Locator("details.held-mail")).ToHaveCountAsync(0);
    }

    private async Task PostAsync(SendGridPost post)
    {
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        (await _host.Client.PostAsync("/api/inbound/email", content)).EnsureSuccessStatusCode();
    }
}
