using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// 回访 in the browser: an agent resolves a complaint and records the follow-up call in English (satisfied); a
/// supervisor whose browser speaks Chinese records another as not satisfied, which reopens it; the dashboard shows
/// 回访率 and 满意率 from both, in both languages, and its CSV export carries the same figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Follow_up_outcomes_recorded_in_English_and_Chinese_show_as_follow_up_rate_and_satisfied_share_on_the_dashboard()
    {
        var happy = await SeededComplaints.OpenAsync(_host, "follow-up-browser-1", DateTimeOffset.UtcNow.AddDays(3), owner: "amy@desk.example");
        var unhappy = await SeededComplaints.OpenAsync(_host, "follow-up-browser-2", DateTimeOffset.UtcNow.AddDays(3), owner: "amy@desk.example");
        var errors = new List<string>();

        var amy = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(amy, "amy@desk.example", "agent");
        await amy.GotoAsync($"/portal/complaint.html?id={happy.Id}");
        await ResolveAsync(amy);
        await Expect(amy.Locator("#follow-up-card")).ToContainTextAsync("owed by");
        await Expect(amy.Locator("#timeline li[data-type=follow-up-planned]")).ToBeVisibleAsync();
        await amy.SelectOptionAsync("#follow-up-method", "call");
        await amy.SelectOptionAsync("#follow-up-outcome", "satisfied");
        await amy.FillAsync("#follow-up-note", "Thanked us for the refund.");
        await amy.ClickAsync("#record-follow-up");
        await Expect(amy.Locator("#timeline li[data-type=follow-up-completed]")).ToContainTextAsync("satisfied · call");
        await Expect(amy.Locator("#timeline li[data-type=follow-up-attempt]")).ToContainTextAsync("Thanked us for the refund.");
        await Expect(amy.Locator("#follow-up-form")).ToBeHiddenAsync();
        await Expect(amy.Locator("#title")).ToContainTextAsync("Resolved");
        await Axe.AssertCleanAsync(amy, "complaint after a satisfied follow-up, English");
        await PortalPages.ScreenshotAsync(amy, "60-follow-up-satisfied-en");

        var sam = await PortalPages.NewPageAsync(browser, _host, errors, locale: "zh-CN");
        await PortalPages.SignInAsync(sam, "sam@desk.example", "supervisor");
        await sam.GotoAsync($"/portal/complaint.html?id={unhappy.Id}");
        await ResolveAsync(sam);
        await Expect(sam.Locator("#follow-up-form h2")).ToHaveTextAsync("登记回访");
        await sam.SelectOptionAsync("#follow-up-method", "message");
        await sam.SelectOptionAsync("#follow-up-outcome", "not-satisfied");
        await Axe.AssertCleanAsync(sam, "follow-up form, Chinese");
        await sam.ClickAsync("#record-follow-up");
        await Expect(sam.Locator("#timeline li[data-type=follow-up-completed]")).ToContainTextAsync("不满意");
        await Expect(sam.Locator("#timeline li[data-type=reopened]")).ToContainTextAsync("dissatisfied-follow-up");
        await Expect(sam.Locator("#title")).ToContainTextAsync("处理中");
        await Expect(sam.Locator("#follow-up-card")).ToContainTextAsync("不满意");
        await PortalPages.ScreenshotAsync(sam, "61-follow-up-not-satisfied-zh-Hans");

        await sam.GotoAsync("/portal/dashboard.html");
        var rates = sam.Locator("#rates tbody tr");
        await Expect(rates.Nth(0)).ToContainTextAsync("回访率");
        await Expect(rates.Nth(0)).ToContainTextAsync("100%");
        await Expect(rates.Nth(1)).ToContainTextAsync("满意率");
        await Expect(rates.Nth(1)).ToContainTextAsync("50%");
        await Expect(sam.Locator("#on-time tbody tr[data-clock=internal]")).ToBeVisibleAsync();
        await Expect(sam.Locator("#rates-csv")).ToHaveAttributeAsync("href", "/api/portal/stats/csv?days=30");
        await Axe.AssertCleanAsync(sam, "dashboard rates, Chinese");
        await PortalPages.ScreenshotAsync(sam, "62-dashboard-rates-zh-Hans");
        var csv = await sam.EvaluateAsync<string>("async () => await (await fetch(document.getElementById('rates-csv').href)).text()");
        Assert.Contains("follow-up-rate,,2,2,100.0,", csv, StringComparison.Ordinal);
        Assert.Contains("satisfied-share,,1,2,50.0,", csv, StringComparison.Ordinal);

        // A chosen period: today only holds neither complaint (both were received a week ago).
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await amy.GotoAsync("/portal/dashboard.html");
        await Expect(amy.Locator("#rates tbody tr").Nth(0)).ToContainTextAsync("Follow-up rate");
        await Expect(amy.Locator("#rates tbody tr").Nth(0)).ToContainTextAsync("100%");
        await amy.FillAsync("#period-from", today);
        await amy.FillAsync("#period-to", today);
        await amy.ClickAsync("#period button[type=submit]");
        await Expect(amy.Locator("#rates-csv")).ToHaveAttributeAsync("href", $"/api/portal/stats/csv?from={today}&to={today}");
        await Expect(amy.Locator("#rates tbody tr").Nth(0)).ToContainTextAsync("–");
        await Axe.AssertCleanAsync(amy, "dashboard rates, English");
        await PortalPages.ScreenshotAsync(amy, "63-dashboard-rates-en");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private static async Task ResolveAsync(IPage page)
    {
        await page.FillAsync("#resolution-text", "We refunded the overcharge on your March bill.");
        await page.SelectOptionAsync("#root-cause", "our-error");
        await page.ClickAsync("#resolve");
        await page.ClickAsync("#resolve-confirm"); // "Resolve and send" shows the letter first
        await Expect(page.Locator("#follow-up-form")).ToBeVisibleAsync();
    }
}
