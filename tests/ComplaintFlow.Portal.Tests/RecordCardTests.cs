using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The 4W1H record (place, account, when it began, demand): a customer fills the optional fields on the public form in
/// English and in Chinese, a sum that is not a number is refused in the form's error pattern, and the desk shows what
/// was given as the record card; an agent recording a call reads the record back to the caller, corrects it, and
/// records it once the caller confirms. Every state passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordCardTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string locale, string zone, List<string> errors)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            Locale = locale,
            TimezoneId = zone,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => errors.Add(error);
        return (context, page);
    }

    [Theory]
    [InlineData("en-GB", "Europe/London", "en", "What you would like us to do", "Enter the sum as a number greater than zero", "Compensation")]
    [InlineData("zh-CN", "Asia/Shanghai", "zh-Hans", "您希望我们怎样处理", "请以大于零的数字填写金额", "赔偿")]
    public async Task The_form_takes_the_record_refuses_a_bad_sum_and_the_desk_shows_the_record_card(
        string locale, string zone, string language, string demandLabel, string amountMessage, string compensation)
    {
        var errors = new List<string>();
        var (customerContext, customer) = await OpenAsync(locale, zone, errors);
        await customer.GotoAsync("/");
        await Expect(customer.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(customer.Locator("label[for=demand]")).ToHaveTextAsync(demandLabel);
        await Expect(customer.Locator("#demand option[value=compensation]")).ToHaveTextAsync(compensation);

        await customer.FillAsync("#email", "li.lei@example.com");
        await customer.FillAsync("#text", language == "en" ? "The meter reads twice what we use." : "电表读数比实际用电多了一倍。");
        await customer.FillAsync("#place", language == "en" ? "12 Mill Lane, Leeds" : "北京市朝阳区建国路88号");
        await customer.FillAsync("#account", "0110 2233 4455");
        await customer.FillAsync("#eventTime", "2026-11-30T08:00");
        await customer.SelectOptionAsync("#demand", "compensation");
        await customer.FillAsync("#demandAmount", "lots");
        await customer.FillAsync("#demandCurrency", "CNY");
        await customer.ClickAsync("#submit");

        // The form's own pattern: the summary takes focus and links to the field, which carries its message.
        var summary = customer.Locator("#form-errors");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("a[href='#demandAmount']")).ToContainTextAsync(amountMessage);
        await Expect(customer.Locator("#demandAmount")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(customer.Locator("#demandAmount")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(amountMessage));
        await Axe.AssertCleanAsync(customer, $"form with the record fields and a bad sum, {locale}");
        await PortalPages.DocumentAsync(customer, "form-record", language);

        await customer.FillAsync("#demandAmount", "800");
        await customer.ClickAsync("#submit");
        await customer.WaitForURLAsync("**/submitted?reference=*");
        var reference = (await customer.Locator("#reference").TextContentAsync())!;
        var complaint = await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(ComplaintId.TryParse(reference, out var id) ? id : "", CancellationToken.None))?.Complaint,
            c => c?.Triage is not null,
            "the complaint triaged");
        Assert.Equal(new CustomerDemand { Kind = DemandKind.Compensation, Amount = 800m, Currency = "CNY" }, complaint!.Facts!.Demand);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(new DateTime(2026, 11, 30))), complaint.Facts.EventTime);

        var (agentContext, agent) = await OpenAsync("en-GB", "Europe/London", errors);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        await agent.GotoAsync($"/portal/complaint.html?id={Uri.EscapeDataString(complaint.Id)}");
        await agent.Locator("#actions").WaitForAsync();
        var card = agent.Locator("#record-card");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator("h2")).ToHaveTextAsync("Record card");
        await Expect(card).ToContainTextAsync(language == "en" ? "12 Mill Lane, Leeds" : "北京市朝阳区建国路88号");
        await Expect(card).ToContainTextAsync("0110 2233 4455");
        await Expect(card).ToContainTextAsync("Compensation · 800 CNY");
        await Expect(card).ToContainTextAsync("30 Nov 2026");
        // The triage reason from the demand shows with the scores.
        await Expect(agent.Locator("#scores")).ToContainTextAsync("money at stake: 800 CNY");
        await Axe.AssertCleanAsync(agent, $"complaint page with the record card, {locale}");
        Assert.Empty(errors);
        await customerContext.CloseAsync();
        await agentContext.CloseAsync();
    }

    [Fact]
    public async Task Recording_a_call_ends_with_a_read_back_the_caller_confirms_after_a_correction()
    {
        var errors = new List<string>();
        var (context, agent) = await OpenAsync("en-GB", "Asia/Shanghai", errors);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        await agent.GotoAsync("/portal/record.html");
        await agent.Locator("body[data-ready=true]").WaitForAsync();
        await agent.FillAsync("#phone", "138 0013 8000");
        await agent.FillAsync("#text", "家里宽带从周五起断线，师傅一直没来。");
        await agent.FillAsync("#place", "上海市徐汇区漕溪北路1号");
        await agent.FillAsync("#account", "021-5566 7788");
        await agent.SelectOptionAsync("#demand", "refund");
        await agent.FillAsync("#demandAmount", "120");
        await agent.FillAsync("#demandCurrency", "CNY");
        await agent.SelectOptionAsync("#language", "zh-Hans");
        await agent.ClickAsync("#record");

        // The read-back: in the caller's language, every fact, and nothing recorded yet.
        var readBack = agent.Locator("#readback");
        await Expect(readBack).ToBeFocusedAsync();
        await Expect(agent.Locator("#record-form")).ToBeHiddenAsync();
        var script = agent.Locator("#readback-script");
        await Expect(script).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(script).ToContainTextAsync("地点：上海市徐汇区漕溪北路1号");
        await Expect(script).ToContainTextAsync("户号/号码：021-5566 7788");
        await Expect(script).ToContainTextAsync("您的诉求：退款 · 120 CNY");
        await Expect(script).ToContainTextAsync("请问以上内容是否正确？");
        Assert.Empty(await AllComplaintsAsync());
        await Axe.AssertCleanAsync(agent, "read-back screen");
        await PortalPages.DocumentAsync(agent, "desk-read-back", "en");

        // The caller corrects the account number: back to the form, everything typed still there.
        await agent.ClickAsync("#correct");
        await Expect(agent.Locator("#record-form")).ToBeVisibleAsync();
        await Expect(agent.Locator("#place")).ToHaveValueAsync("上海市徐汇区漕溪北路1号");
        await agent.FillAsync("#account", "021-5566 7789");
        await agent.ClickAsync("#record");
        await Expect(script).ToContainTextAsync("户号/号码：021-5566 7789");

        await agent.ClickAsync("#confirm-record");
        await agent.WaitForURLAsync("**/portal/complaint.html?id=*");
        await agent.Locator("#actions").WaitForAsync();
        var card = agent.Locator("#record-card");
        await Expect(card).ToContainTextAsync("021-5566 7789");
        await Expect(card).ToContainTextAsync("Refund · 120 CNY");
        await Expect(agent.Locator("#timeline")).ToContainTextAsync("read back to the caller, who confirmed it");
        await Axe.AssertCleanAsync(agent, "recorded call with its record card");

        var recorded = Assert.Single(await AllComplaintsAsync());
        Assert.Equal("021-5566 7789", recorded.Facts!.Account);
        var history = await _host.Complaints.GetHistoryAsync(recorded.Id, CancellationToken.None);
        Assert.Contains(history, e => e.Type == EventTypes.ReadBack && e.Actor == "amy@desk.example");
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    private async Task<List<Complaint>> AllComplaintsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var found = new List<Complaint>();
        var catalog = (Core.Desk.IComplaintCatalog)_host.Services.GetService(typeof(Core.Desk.IComplaintCatalog))!;
        await foreach (var complaint in catalog.ReceivedBetweenAsync(now.AddDays(-1), now.AddDays(1), CancellationToken.None))
        {
            found.Add(complaint);
        }

        return found;
    }
}
