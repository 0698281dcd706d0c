using System.Text.RegularExpressions;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The desk in Chinese and English: the language the browser asks for, a visible switch that is remembered, every label,
/// message and date in one language, dates in the desk's zone (Asia/Shanghai by default) with the zone named. The
/// screenshots of the queue, the complaint page and the dashboard in both languages go to docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DeskLanguageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_Chinese_browser_gets_the_desk_in_Chinese_with_Beijing_times_and_a_switch_to_English_that_is_remembered()
    {
        (await _host.SubmitAsync(new { email = "wang.fang@example.com", text = "宽带每天晚上断线，已经一个星期了。", language = "zh-Hans" })).EnsureSuccessStatusCode();
        var errors = new List<string>();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        await PortalPages.SignInAsync(page, "sam@desk.example", "agent", "supervisor");
        await AppHost.EventuallyAsync(
            async () =>
            {
                await page.GotoAsync("/portal/?list=unassigned");
                await page.Locator("#as-of").Filter(new() { HasText = "截至" }).WaitForAsync();
                return await page.Locator("#queue tbody tr[data-id]").CountAsync();
            },
            n => n > 0,
            "the complaint in the unassigned queue");

        // The queue: labels, counts and dates in Chinese, each date in Beijing time and saying so.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page.Locator("#queue-title")).ToHaveTextAsync("未分派");
        await Expect(page.Locator("#queue thead")).ToContainTextAsync("投诉编号");
        await Expect(page.Locator("#sign-out")).ToHaveTextAsync("退出登录");
        await Expect(page.Locator("#desk-lang-zh-Hans")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#as-of")).ToHaveTextAsync(BeijingDate());
        await Expect(page.Locator("#queue tbody tr[data-id] td").Nth(8)).ToHaveTextAsync(BeijingDate());
        await Expect(page).ToHaveTitleAsync("未分派 · 投诉处理台");
        await Axe.AssertCleanAsync(page, "queue zh-Hans");
        await PortalPages.DocumentAsync(page, "queue", "zh-Hans");

        // The complaint page: facts, clocks and timeline in Chinese; an error from the API in Chinese too.
        await page.Locator("#queue tbody tr[data-id] a").First.ClickAsync();
        await page.Locator("#actions").WaitForAsync();
        // Exactly the term: "确认受理时间" (acknowledged at) also contains it, once the acknowledgement has gone out.
        await Expect(page.Locator("#facts dt").GetByText("受理时间", new() { Exact = true })).ToHaveCountAsync(1);
        await Expect(page.Locator("#facts")).ToContainTextAsync(BeijingDate());
        await Expect(page.Locator("#clocks tbody")).ToContainTextAsync(BeijingDate());
        await Expect(page.Locator("#timeline li[data-type=received] .type")).ToHaveTextAsync("已受理");
        await Expect(page.Locator("#note-form h2")).ToHaveTextAsync("备注");
        await page.ClickAsync("#note-form button[type=submit]");
        await Expect(page.Locator("#note-form [data-error-for=text]")).ToHaveTextAsync("此项为必填。");
        await Expect(page.Locator("#note-form .summary h2")).ToHaveTextAsync("有需要修改的内容");
        await Axe.AssertCleanAsync(page, "complaint zh-Hans");
        await PortalPages.DocumentAsync(page, "complaint", "zh-Hans");

        await page.GotoAsync("/portal/dashboard.html");
        await Expect(page.Locator("#summary")).ToContainTextAsync("共受理");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("统计看板");
        await page.Locator("#volume-data").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Axe.AssertCleanAsync(page, "dashboard zh-Hans");
        await PortalPages.DocumentAsync(page, "dashboard", "zh-Hans");

        // The switch: English everywhere, dates still in the desk's zone, named in English.
        await page.ClickAsync("#desk-lang-en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Dashboard");
        await Expect(page.Locator("#summary")).ToContainTextAsync("complaint(s) received");
        await Expect(page.Locator("#desk-lang-en")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#volume-data").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Axe.AssertCleanAsync(page, "dashboard en");
        await PortalPages.DocumentAsync(page, "dashboard", "en");

        // Remembered: a new page of this browser opens in English although the browser asks for Chinese.
        var later = await context.NewPageAsync();
        later.PageError += (_, error) => errors.Add(error);
        await later.GotoAsync("/portal/?list=unassigned");
        await Expect(later.Locator("#as-of")).ToHaveTextAsync(EnglishDate());
        await Expect(later.Locator("#queue-title")).ToHaveTextAsync("Unassigned");
        await Expect(later.Locator("#queue tbody tr[data-id] td").Nth(8)).ToHaveTextAsync(EnglishDate());
        await Axe.AssertCleanAsync(later, "queue en");
        await PortalPages.DocumentAsync(later, "queue", "en");

        await later.Locator("#queue tbody tr[data-id] a").First.ClickAsync();
        await later.Locator("#actions").WaitForAsync();
        await Expect(later.Locator("#facts")).ToContainTextAsync("Received at");
        await Expect(later.Locator("#facts")).ToContainTextAsync(EnglishDate());
        await Expect(later.Locator("#timeline li[data-type=received] .type")).ToHaveTextAsync("received");
        // The customer's words are theirs: never translated, marked with their language.
        await Expect(later.Locator("#text")).ToHaveTextAsync("宽带每天晚上断线，已经一个星期了。");
        await Expect(later.Locator("#text")).ToHaveAttributeAsync("lang", "zh-Hans");
        await later.ClickAsync("#note-form button[type=submit]");
        await Expect(later.Locator("#note-form [data-error-for=text]")).ToHaveTextAsync("This field is required.");
        await Axe.AssertCleanAsync(later, "complaint en");
        await PortalPages.DocumentAsync(later, "complaint", "en");

        // Traditional Chinese is one click away too.
        await later.ClickAsync("#desk-lang-zh-Hant");
        await Expect(later.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Expect(later.Locator("#note-form h2")).ToHaveTextAsync("備註");
        await Expect(later.Locator("#facts")).ToContainTextAsync("（北京時間）");

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_English_browser_gets_the_desk_in_English_until_the_person_chooses_Chinese()
    {
        var page = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");
        await page.GotoAsync("/portal/?list=mine");
        await Expect(page.Locator("#queue-title")).ToHaveTextAsync("Mine");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#desk-lang-en")).ToHaveAttributeAsync("aria-pressed", "true");
        // Each language's name is written, and marked, in that language.
        await Expect(page.Locator("#desk-lang-zh-Hans")).ToHaveAttributeAsync("lang", "zh-Hans");

        await page.ClickAsync("#desk-lang-zh-Hans");
        await Expect(page.Locator("#queue-title")).ToHaveTextAsync("我的");
        await Expect(page.Locator("#nav-unassigned")).ToHaveAccessibleNameAsync(new Regex(@"^未分派 ?： ?\d+ ?件投诉$"));
        await page.ReloadAsync();
        await Expect(page.Locator("#queue-title")).ToHaveTextAsync("我的");
        await Expect(page.Locator("#as-of")).ToHaveTextAsync(new Regex("截至"));
        await page.Context.CloseAsync();
    }

    // "2026年12月7日 17:18（北京时间）"
    [GeneratedRegex(@"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）")]
    private static partial Regex BeijingDate();

    // "7 Dec 2026, 17:18 China Standard Time"
    [GeneratedRegex(@"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} China Standard Time")]
    private static partial Regex EnglishDate();
}
