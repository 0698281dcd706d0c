using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Staff correct triage's category and sentiment on the complaint page: an agent in Chinese (a correction that changes
/// nothing refused beside its field, then the category and sentiment corrected with a note, triage's reasons in
/// Chinese), a supervisor in English reading the correction on the timeline and finding the complaint under its new
/// category. Screenshots <c>80-</c> to <c>82-</c>; the docs' picture is <c>docs/desk-triage-correction-1280-zh-Hans.png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TriageCorrectionPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_agent_corrects_the_category_and_sentiment_in_Chinese_and_a_supervisor_reads_it_in_English()
    {
        var submitted = await _host.SubmitAsync(new { email = "wang.fang@example.com", text = "这个月账单无缘无故翻倍了，太离谱了，我非常生气！", language = "zh-Hans" });
        submitted.EnsureSuccessStatusCode();
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var errors = new List<string>();
        var agent = await PortalPages.NewPageAsync(browser, _host, errors, locale: "zh-CN");
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        await AppHost.EventuallyAsync(
            async () =>
            {
                await agent.GotoAsync("/portal/?list=unassigned");
                await agent.Locator("#as-of").Filter(new() { HasText = "截至" }).WaitForAsync();
                return await agent.Locator("#queue tbody tr", new() { HasText = reference }).CountAsync();
            },
            n => n > 0,
            "the complaint in the unassigned list");
        await agent.Locator("#queue tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link).First.ClickAsync();
        var form = agent.Locator("#triage-correction-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(form.Locator("h2")).ToHaveTextAsync("更正类别或情绪");
        await Expect(agent.Locator("#correct-category")).ToHaveValueAsync("billing");
        await Expect(agent.Locator("#correct-sentiment")).ToHaveValueAsync("negative");
        await Expect(agent.Locator("#scores")).ToContainTextAsync("负面语气");

        // Nothing changed: refused beside the category, nothing recorded.
        await agent.ClickAsync("#correct-triage");
        await Expect(form.Locator(".summary")).ToBeFocusedAsync();
        await Expect(agent.Locator("#correct-category")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form).ToContainTextAsync("该投诉已是此值");
        await Expect(agent.Locator("#timeline li[data-type=category-corrected]")).ToHaveCountAsync(0);
        await PortalPages.ScreenshotAsync(agent, "80-triage-correction-refused-zh-Hans");

        await agent.SelectOptionAsync("#correct-category", "metering");
        await agent.SelectOptionAsync("#correct-sentiment", "neutral");
        await agent.FillAsync("#correct-note", "读表错误导致账单翻倍，属于计量问题。");
        await agent.ClickAsync("#correct-triage");

        await Expect(agent.Locator("#banner")).ToContainTextAsync("已保存：更正。");
        await Expect(agent.Locator("#timeline li[data-type=category-corrected]")).ToContainTextAsync("账单与收费 → 计量");
        await Expect(agent.Locator("#timeline li[data-type=category-corrected]")).ToContainTextAsync("类别已更正");
        await Expect(agent.Locator("#timeline li[data-type=category-corrected]")).ToContainTextAsync("读表错误导致账单翻倍，属于计量问题。");
        await Expect(agent.Locator("#timeline li[data-type=sentiment-corrected]")).ToContainTextAsync("负面 → 中性");
        await Expect(agent.Locator("#scores")).ToContainTextAsync("情绪 中性 · 类别 计量");
        await Expect(agent.Locator("#correct-category")).ToHaveValueAsync("metering");
        await Expect(form.Locator(".summary")).ToHaveCountAsync(0);
        await Expect(agent.Locator("#correct-category")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await PortalPages.ScreenshotAsync(agent, "81-triage-corrected-zh-Hans");
        await form.ScrollIntoViewIfNeededAsync();
        await agent.SetViewportSizeAsync(1280, 800);
        await form.ScrollIntoViewIfNeededAsync();
        await agent.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "docs", "desk-triage-correction-1280-zh-Hans.png") });

        var supervisor = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(supervisor, "sam@desk.example", "agent", "supervisor");
        await supervisor.GotoAsync("/portal/search.html?category=metering");
        var row = supervisor.Locator("#results tbody tr[data-id]", new() { HasText = reference });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        var corrected = supervisor.Locator("#timeline li[data-type=category-corrected]");
        await Expect(corrected).ToContainTextAsync("category-corrected");
        await Expect(corrected).ToContainTextAsync("billing → metering");
        await Expect(corrected).ToContainTextAsync("amy@desk.example");
        await Expect(supervisor.Locator("#timeline li[data-type=sentiment-corrected]")).ToContainTextAsync("Negative → Neutral");
        await Expect(supervisor.Locator("#scores")).ToContainTextAsync("sentiment Neutral · category metering");
        await Expect(supervisor.Locator("#triage-correction-form h2")).ToHaveTextAsync("Correct the category or sentiment");
        await PortalPages.ScreenshotAsync(supervisor, "82-triage-corrected-en");
        // The one refusal above is a 400 the browser logs; anything else (a script error, a CSP violation, a 404) fails.
        var unexpected = errors.Where(e => !e.Contains("status of 400", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
        Assert.Single(errors, e => e.Contains("status of 400", StringComparison.Ordinal));
    }
}
