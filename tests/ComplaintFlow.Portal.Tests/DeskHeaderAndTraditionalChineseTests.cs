using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The desk's header stays one line on a 1280 px laptop for a supervisor (every link) in English and Chinese, and
/// wraps without sideways scrolling on a phone; a Hong Kong or Taiwan browser gets the queue, search, complaint page
/// and dashboard in traditional Chinese with nothing left in English, whose screenshots go to docs/screenshots
/// (<c>*-zh-Hant.png</c>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskHeaderAndTraditionalChineseTests(BrowserFixture browser) : IAsyncLifetime
{
    // Every visible child of the header: its vertical centre and edges, and the header's height and the page's widths.
    private const string HeaderLayout = """
        () => {
          const header = document.querySelector("header.portal");
          const box = header.getBoundingClientRect();
          const items = [...header.children]
            .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).position !== "absolute")
            .map(e => { const r = e.getBoundingClientRect(); return { name: e.id || e.className || e.tagName, middle: r.top + r.height / 2, left: r.left, right: r.right }; });
          return { height: box.height, middle: box.top + box.height / 2, items,
                   scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth };
        }
        """;

    // Words in Latin letters the page shows in its own text (not the customer's words, nor a language's own name).
    private const string LatinWords = """
        () => {
          const words = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const parent = walker.currentNode.parentElement;
            if (!parent || parent.closest("script, style, [hidden], [lang]:not([lang='zh-Hant'])") || parent.getClientRects().length === 0) continue;
            for (const word of walker.currentNode.nodeValue.match(/[A-Za-z]{3,}/g) || []) words.add(word);
          }
          for (const el of document.querySelectorAll("[placeholder], [aria-label], [title]"))
            for (const name of ["placeholder", "aria-label", "title"])
              for (const word of (el.getAttribute(name) || "").match(/[A-Za-z]{3,}/g) || []) if (!el.closest("[lang]:not([lang='zh-Hant'])")) words.add(word);
          return [...words];
        }
        """;

    // Not words to translate: the signed-in person's address and the customer's, and the owner filter's literal value
    // "none" (the search hint tells the person to type it, with its meaning in Chinese beside it).
    private static readonly string[] NotDeskWords = ["sam", "desk", "example", "chan", "tai", "man", "com", "none"];

    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("en-GB")]
    [InlineData("zh-CN")]
    public async Task The_header_is_one_line_at_1280_px_for_a_supervisor_and_wraps_without_sideways_scrolling_on_a_phone(string locale)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "sam@desk.example", "agent", "supervisor");
        foreach (var path in new[] { "/portal/?list=unassigned", "/portal/search.html?status=open", "/portal/dashboard.html" })
        {
            await page.GotoAsync(path);
            await page.Locator("#who").WaitForAsync();
            await Expect(page.Locator("#nav-calendar")).ToBeAttachedAsync();
            var layout = await page.EvaluateAsync<Layout>(HeaderLayout);
            var offLine = layout.Items.Where(i => Math.Abs(i.Middle - layout.Middle) > 4).Select(i => i.Name).ToList();
            Assert.True(offLine.Count == 0, $"{locale} {path}: not on the header's line: {string.Join(", ", offLine)}");
            Assert.True(layout.Height < 56, $"{locale} {path}: the header is {layout.Height} px high");
            Assert.True(layout.Items.All(i => i.Right <= 1280), $"{locale} {path}: part of the header is off screen");
            Assert.Equal(layout.ClientWidth, layout.ScrollWidth);
            await Expect(page.Locator("#sign-out")).ToBeInViewportAsync();
            await Expect(page.Locator("#find-q")).ToBeInViewportAsync();
        }

        await PortalPages.ScreenshotAsync(page, $"70-header-1280-{locale}");

        // A link past the strip's edge scrolls into view when the keyboard reaches it.
        await page.Locator("#nav-calendar").FocusAsync();
        await Expect(page.Locator("#nav-calendar")).ToBeInViewportAsync();

        // On a phone the header wraps: nothing hidden, nothing scrolls sideways.
        await page.SetViewportSizeAsync(320, 640);
        var narrow = await page.EvaluateAsync<Layout>(HeaderLayout);
        Assert.Equal(narrow.ClientWidth, narrow.ScrollWidth);
        Assert.True(narrow.Items.All(i => i.Right <= 320), $"{locale}: part of the header is off a phone's screen");
        await PortalPages.ScreenshotAsync(page, $"71-header-320-{locale}");
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("zh-HK")]
    [InlineData("zh-TW")]
    public async Task A_Hong_Kong_or_Taiwan_browser_gets_the_queue_search_complaint_and_dashboard_in_traditional_Chinese(string locale)
    {
        (await _host.SubmitAsync(new { email = "chan.tai.man@example.com", text = "寬頻每晚都斷線，已經一個星期了，打客服電話都冇人聽。", language = "zh-Hant" })).EnsureSuccessStatusCode();
        var errors = new List<string>();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
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
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Expect(page.Locator("#desk-lang-zh-Hant")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#queue thead")).ToContainTextAsync("投訴編號");
        await PortalPages.DocumentAsync(page, "queue", "zh-Hant");
        await AssertNoEnglishAsync(page, "queue");

        await page.GotoAsync("/portal/search.html?q=" + Uri.EscapeDataString("斷線"));
        await Expect(page.Locator("#results tbody tr[data-id]")).ToHaveCountAsync(1);
        await PortalPages.DocumentAsync(page, "search", "zh-Hant");
        await AssertNoEnglishAsync(page, "search");

        await page.Locator("#results tbody tr[data-id] a").First.ClickAsync();
        await page.Locator("#actions").WaitForAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync("（北京時間）");
        await Expect(page.Locator("#note-form h2")).ToHaveTextAsync("備註");
        await PortalPages.DocumentAsync(page, "complaint", "zh-Hant");
        await AssertNoEnglishAsync(page, "complaint", ComplaintPageDataStillInEnglish);

        await page.GotoAsync("/portal/dashboard.html");
        await page.Locator("#volume-data").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await PortalPages.DocumentAsync(page, "dashboard", "zh-Hant");
        await AssertNoEnglishAsync(page, "dashboard", DeadlinePolicyIds);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        await context.CloseAsync();
    }

    // Known gaps on the complaint page, from data rather than the page's words: the raw payload's storage path
    // ("web/...json"), the deadline policy's clock and profile ids ("reply", "retail-24h") and the timeline's actors
    // ("customer", "system"). Each needs the server or the policy data to carry Chinese text. Triage's reasons (and the
    // learned model's note) are translated by rule in the desk (triage-reasons.js), so they are no longer excepted.
    private static readonly string[] ComplaintPageDataStillInEnglish = ["web", "json", "reply", "retail", "customer", "system"];

    // The dashboard's on-time chart names each clock by the deadline policy's ids ("internal", "retail-24h", "reply").
    private static readonly string[] DeadlinePolicyIds = ["internal", "retail", "reply"];

    private static async Task AssertNoEnglishAsync(IPage page, string what, params string[] knownGaps)
    {
        // Capitals only are codes (a reference's letters, P1), not words to translate.
        var words = (await page.EvaluateAsync<string[]>(LatinWords))
            .Where(w => w.Any(char.IsLower))
            .Except(NotDeskWords, StringComparer.OrdinalIgnoreCase)
            .Except(knownGaps, StringComparer.Ordinal)
            .ToList();
        Assert.True(words.Count == 0, $"{what} in zh-Hant still shows English: {string.Join(", ", words)}");
    }

    private sealed class Layout
    {
        public double Height { get; set; }
        public double Middle { get; set; }
        public LayoutItem[] Items { get; set; } = [];
        public double ScrollWidth { get; set; }
        public double ClientWidth { get; set; }
    }

    private sealed class LayoutItem
    {
        public string Name { get; set; } = "";
        public double Middle { get; set; }
        public double Left { get; set; }
        public double Right { get; set; }
    }
}
