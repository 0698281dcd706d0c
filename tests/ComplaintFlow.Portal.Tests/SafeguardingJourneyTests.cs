using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// A customer writes that someone may be at risk. The confirmation page gives who to call now, for where they are and
/// in their language; the agent who opens the complaint sees the safeguarding warning first, with the words that set
/// it off, in English and in Chinese. Every state passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SafeguardingJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("en-GB", "Europe/London", "en", "+44 7911 123456", "I don't see the point in going on. The debt letters keep coming and nobody answers.", "If anyone is in danger", "call 999", "116 123")]
    [InlineData("zh-CN", "Asia/Shanghai", "zh-Hans", "138 0013 8000", "家里有制氧机，已经停电五个小时了，老人呼吸困难。", "如果有人正处于危险中", "110（报警）或120（急救）", "12356")]
    public async Task The_confirmation_gives_who_to_call_and_the_desk_shows_the_warning_first(
        string locale, string zone, string language, string phone, string text, string heading, string emergency, string support)
    {
        var errors = new List<string>();
        var customerContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            Locale = locale,
            TimezoneId = zone,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var customer = await customerContext.NewPageAsync();
        customer.PageError += (_, error) => errors.Add(error);
        await customer.GotoAsync("/");
        await customer.ClickAsync($"button[data-lang={language}]");
        await customer.FillAsync("#phone", phone);
        await customer.FillAsync("#text", text);
        await customer.ClickAsync("#submit");
        await customer.WaitForURLAsync("**/submitted?reference=*");
        var reference = (await customer.Locator("#reference").TextContentAsync())!;

        // Who to call, above everything else after the heading, in the customer's language and for their region.
        var box = customer.Locator("#emergency");
        await Expect(box).ToBeVisibleAsync();
        await Expect(box.Locator("h2")).ToHaveTextAsync(heading);
        await Expect(box).ToContainTextAsync(emergency);
        await Expect(box).ToContainTextAsync(support);
        await Expect(customer.Locator("#emergency-text")).ToHaveAttributeAsync("lang", language);
        await Axe.AssertCleanAsync(customer, $"confirmation with emergency numbers, {locale}");
        await PortalPages.DocumentAsync(customer, "safeguarding-confirmation", language);

        // An ordinary complaint's confirmation has no such box.
        await customer.GotoAsync("/");
        await customer.FillAsync("#phone", phone);
        await customer.FillAsync("#text", language == "en" ? "My bill doubled without notice." : "账单无故翻倍了。");
        await customer.ClickAsync("#submit");
        await customer.WaitForURLAsync("**/submitted?reference=*");
        await Expect(customer.Locator("#reference")).Not.ToHaveTextAsync(reference);
        await Expect(customer.Locator("#emergency")).ToBeHiddenAsync();

        var agentContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var agent = await agentContext.NewPageAsync();
        agent.PageError += (_, error) => errors.Add(error);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        var complaint = await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(Core.Complaints.ComplaintId.TryParse(reference, out var parsed) ? parsed : "", CancellationToken.None))?.Complaint,
            c => c?.Triage is not null,
            "the complaint triaged");
        Assert.True(complaint!.Triage!.Safeguarding);
        Assert.Equal(Core.Complaints.Priority.P1, complaint.Triage.Priority);
        await agent.GotoAsync($"/portal/complaint.html?id={Uri.EscapeDataString(complaint.Id)}");
        await agent.Locator("#actions").WaitForAsync();

        // The warning is the first thing under the title, before the record, and names what set it off.
        var warning = agent.Locator("#safeguarding");
        await Expect(warning).ToBeVisibleAsync();
        Assert.True(await agent.EvaluateAsync<bool>("() => document.querySelector('#safeguarding').compareDocumentPosition(document.querySelector('#facts')) & Node.DOCUMENT_POSITION_FOLLOWING"));
        await Expect(warning.Locator("li")).Not.ToHaveCountAsync(0);
        await Expect(warning.Locator("h2")).ToHaveTextAsync(language == "en" ? "Safeguarding: someone may be at risk" : "安全保障：可能有人处于危险中");
        // Under it, the handling plan for someone's safety (policy data), in the desk's language.
        var plan = agent.Locator("#guidance .plan[data-situation=safety]");
        await Expect(plan.Locator("h3")).ToHaveTextAsync(language == "en" ? "Someone's safety" : "涉及人身安全");
        await Expect(plan.Locator("li").First).ToContainTextAsync(language == "en" ? "Deal with the danger before the complaint" : "先处理安全问题，再处理投诉");
        await Expect(agent.Locator("#guidance-title")).ToHaveTextAsync(language == "en" ? "How to handle this" : "处理要点");
        await Axe.AssertCleanAsync(agent, $"complaint page with the safeguarding warning, {locale}");
        await PortalPages.DocumentAsync(agent, "safeguarding-complaint", language);
        Assert.Empty(errors);
        await customerContext.CloseAsync();
        await agentContext.CloseAsync();
    }
}
