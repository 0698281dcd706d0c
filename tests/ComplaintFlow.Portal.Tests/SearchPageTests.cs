using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// An agent finds complaints from the desk's search box, in English and in Chinese: by reference from the header of
/// any page, by a phone number typed in another format, by a Chinese word (simplified or traditional), and browses
/// the views of all open and resolved complaints. Rows show the subject, customer, age, the SLA countdown coloured
/// by state and why the complaint was escalated. Keyboard only: "/" goes to the search box, Enter searches. Axe clean
/// in both languages; the screenshots go to docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_agent_finds_complaints_by_reference_phone_and_chinese_word_and_browses_open_and_resolved_in_English_and_Chinese()
    {
        var now = DateTimeOffset.UtcNow;
        var outage = await SeedAsync("search-outage", "王小明", "+8613812345678", "宽带断网三天了，客服电话一直打不通。\n我要投诉到工信部。", "zh-Hans", now.AddHours(-30), dueIn: TimeSpan.FromHours(-6), escalationTier: 1);
        var bill = await SeedAsync("search-bill", "Li Lei", "+8613912345678", "My bill doubled without notice.", "en", now.AddHours(-5), dueIn: TimeSpan.FromDays(2));
        var refund = await SeedAsync("search-refund", "Zhao Min", "+8613712345678", "The refund arrived, thank you.", "en", now.AddDays(-9), dueIn: null);
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");
        var rows = page.Locator("#results tbody tr[data-id]");

        // From the work list's header, by keyboard: "/" to the search box, the reference typed as a customer says it.
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#find-q")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(outage.Reference.ToLowerInvariant().Replace('-', ' '));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/portal/search.html?q=*");
        await Expect(rows).ToHaveCountAsync(1);
        var row = rows.First;
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(outage.Reference);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("宽带断网三天了，客服电话一直打不通。");
        await Expect(row.Locator("td").Nth(1)).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("王小明");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("1 d 6 h");
        await Expect(row.Locator("td").Nth(7)).ToHaveClassAsync("overdue");
        await Expect(row.Locator("td").Nth(7)).ToContainTextAsync("overdue by 6 h");
        await Expect(row.Locator("td").Nth(8)).ToHaveTextAsync("SLA breached, tier 1: resolve (internal)");

        // A phone number written another way, in the page's own search box; then a Chinese word.
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#search-q")).ToBeFocusedAsync();
        await page.FillAsync("#search-q", "138-1234-5678");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync(outage.Reference);
        await page.FillAsync("#search-q", "bill doubled");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync(bill.Reference);
        await Expect(rows.First.Locator("td").Nth(7)).ToHaveClassAsync("");
        await page.FillAsync("#search-q", "断网");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#results-status")).ToHaveTextAsync("1 found.");
        await Axe.AssertCleanAsync(page, "search, English");
        await PortalPages.DocumentAsync(page, "search", "en");

        // The views: all open (newest first), and resolved.
        await page.ClickAsync("#view-open");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync(bill.Reference);
        await Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync(outage.Reference);
        await Expect(page.Locator("#view-open")).ToHaveAttributeAsync("aria-current", "page");
        await page.ClickAsync("#view-resolved");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync(refund.Reference);
        await Expect(rows.First.Locator("td").Nth(7)).ToHaveTextAsync("–");

        // In Chinese: the same search in traditional characters, the labels and the reason in Chinese.
        await page.ClickAsync("#desk-lang-zh-Hans");
        await Expect(page.Locator("h1")).ToHaveTextAsync("查找投诉");
        await Expect(page.Locator("#results-status")).ToHaveTextAsync("共找到 1 件。");
        await page.SelectOptionAsync("select[name=status]", "all");
        await page.FillAsync("#search-q", "寬帶斷網");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync(outage.Reference);
        await Expect(page.Locator("#view-resolved")).Not.ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator("#results thead")).ToContainTextAsync("升级原因");
        await Expect(rows.First.Locator("td").Nth(3)).ToHaveTextAsync("处理中");
        await Expect(rows.First.Locator("td").Nth(8)).ToHaveTextAsync("时限已超，第 1 级升级: 解决 (内部)");
        await Expect(page.Locator("#results-status")).ToHaveTextAsync("共找到 1 件。");
        await page.FillAsync("#search-q", "13812345678");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync(outage.Reference);
        await Axe.AssertCleanAsync(page, "search, Chinese");
        await PortalPages.DocumentAsync(page, "search", "zh-Hans");

        // At 320 px the results stack, each cell labelled, and nothing scrolls sideways.
        await page.SetViewportSizeAsync(320, 640);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the search page is {widths[0]} px wide at 320 px");
        await Axe.AssertCleanAsync(page, "search, Chinese, 320 px");
        await page.SetViewportSizeAsync(1280, 800);
        await PortalPages.ScreenshotAsync(page, "40-search-zh-Hans");

        // A search the server cannot run says why, next to the box, in Chinese.
        await page.FillAsync("#search-q", "the");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-error-for=q]")).ToContainTextAsync("投诉编号");
        await Expect(page.Locator("#search-q")).ToHaveAttributeAsync("aria-invalid", "true");

        // The browser logs the refused request itself; nothing else went wrong (no script error, no CSP violation).
        Assert.All(errors, e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
    }

    private async Task<Complaint> SeedAsync(string source, string name, string phone, string text, string language, DateTimeOffset received, TimeSpan? dueIn, int escalationTier = 0)
    {
        var open = dueIn is not null;
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, source),
            Channel = Channel.Web,
            ReceivedAt = received,
            Contact = new ContactDetails { Name = name, Phone = phone },
            Text = text,
            Language = language,
            SourceMessageId = source,
            Status = open ? ComplaintStatus.Open : ComplaintStatus.Resolved,
            Triage = new TriageResult
            {
                Priority = Priority.P2,
                Urgency = 0.5,
                Sentiment = new SentimentResult { DocumentId = "1", Label = SentimentLabel.Negative, Positive = 0.1, Neutral = 0.2, Negative = 0.7, Analyzer = "seed" },
                PrimaryCategory = "broadband",
            },
            Deadlines = open
                ? [new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = received, DueAt = DateTimeOffset.UtcNow + dueIn!.Value + TimeSpan.FromSeconds(30), Pausable = true, EscalationTier = escalationTier }]
                : [],
        };
        Assert.True(await _host.Complaints.TryCreateAsync(complaint.Change(received).Record(EventTypes.Received, Actors.Customer), CancellationToken.None));
        return complaint;
    }
}
