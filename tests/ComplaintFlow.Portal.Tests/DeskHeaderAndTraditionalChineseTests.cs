using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The desk's header on a 1280 px laptop shows every queue with its count and every page, search box and control,
/// none of them scrolled out of sight or overlapped, for an agent and a supervisor in English, simplified and
/// traditional Chinese, and Tab walks through all of them in reading order; on a phone it wraps without sideways
/// scrolling. A Hong Kong or Taiwan browser gets the queue, search, complaint page and dashboard in traditional Chinese
/// with nothing left in English, whose screenshots go to docs/screenshots (<c>*-zh-Hant.png</c>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskHeaderAndTraditionalChineseTests(BrowserFixture browser) : IAsyncLifetime
{
    // Every link, button and field the header shows: whether it is wholly on screen and on top (not hidden by an
    // overflow, a neighbour or the edge), and whether anything in the header or the page scrolls sideways.
    private const string HeaderLayout = """
        () => {
          const header = document.querySelector("header.portal");
          const controls = [...header.querySelectorAll("a:not(.skip), button, input")]
            .map(e => {
              const r = e.getBoundingClientRect();
              const onScreen = r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight;
              const top = onScreen ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
              return { name: e.id || e.textContent.trim() || e.getAttribute("aria-label") || e.tagName, shown: onScreen && !!top && (e === top || e.contains(top)) };
            });
          // Visually hidden text (1 px, clipped) and a name shortened with an ellipsis are not strips that scroll.
          const sideways = [header, ...header.querySelectorAll("*")]
            .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && !["visible", "clip"].includes(getComputedStyle(e).overflowX) && getComputedStyle(e).textOverflow !== "ellipsis")
            .map(e => e.className || e.tagName);
          return { height: header.getBoundingClientRect().height, controls, sideways,
                   queues: [...header.querySelectorAll("nav.queues a")].map(a => a.id),
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
    [InlineData("en-GB", "supervisor")]
    [InlineData("zh-CN", "supervisor")]
    [InlineData("zh-HK", "supervisor")]
    [InlineData("en-GB", "agent")]
    [InlineData("zh-CN", "agent")]
    public async Task Every_queue_and_header_link_shows_at_1280_px_with_no_sideways_scrolling_and_Tab_reaches_each_in_turn(string locale, string role)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "sam@desk.example", role == "supervisor" ? ["agent", "supervisor"] : ["agent"]);
        string[] queues = ["overdue", "due-soon", "unassigned", "escalated", "mine", "not-reached", "authority"];
        foreach (var path in new[] { "/portal/?list=unassigned", "/portal/search.html?status=open", "/portal/dashboard.html" })
        {
            await page.GotoAsync(path);
            await page.Locator("#who").WaitForAsync();
            await Expect(page.Locator("nav.queues [data-count=\"overdue\"]")).Not.ToHaveTextAsync("·");
            var layout = await page.EvaluateAsync<Layout>(HeaderLayout);
            Assert.Equal(queues.Select(q => "nav-" + q), layout.Queues);
            var hidden = layout.Controls.Where(c => !c.Shown).Select(c => c.Name).ToList();
            Assert.True(hidden.Count == 0, $"{locale} {role} {path}: not wholly shown: {string.Join(", ", hidden)}");
            Assert.True(layout.Sideways.Length == 0, $"{locale} {role} {path}: scrolls sideways: {string.Join(", ", layout.Sideways)}");
            Assert.Equal(layout.ClientWidth, layout.ScrollWidth);
            Assert.True(layout.Height < 140, $"{locale} {role} {path}: the header is {layout.Height} px high");
            Assert.Equal(role == "supervisor", await page.Locator("#nav-calendar").IsVisibleAsync());
        }

        await PortalPages.ScreenshotAsync(page, $"70-header-1280-{locale}-{role}");

        // Tab from the skip link walks the header in reading order: the pages, search, language and sign-out, then every
        // queue; each is on screen when it has the focus.
        await page.Locator("header.portal a.skip").FocusAsync();
        var reached = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement.closest('header.portal') ? (document.activeElement.id || document.activeElement.textContent.trim()) : null");
            if (focused is null)
            {
                break;
            }

            await Expect(page.Locator("*:focus")).ToBeInViewportAsync(new() { Ratio = 1 });
            reached.Add(focused);
        }

        Assert.Equal(queues.Select(q => "nav-" + q), reached.Where(r => r.StartsWith("nav-", StringComparison.Ordinal) && queues.Contains(r[4..])));
        Assert.Contains("nav-search", reached);
        Assert.Contains("sign-out", reached);
        Assert.True(reached.IndexOf("sign-out") < reached.IndexOf("nav-overdue"), "the queues come after the top bar");

        // On a phone the header wraps: nothing hidden, nothing scrolls sideways.
        await page.SetViewportSizeAsync(320, 640);
        var narrow = await page.EvaluateAsync<Layout>(HeaderLayout);
        Assert.Equal(narrow.ClientWidth, narrow.ScrollWidth);
        Assert.True(narrow.Sideways.Length == 0, $"{locale} {role}: scrolls sideways on a phone: {string.Join(", ", narrow.Sideways)}");
        await PortalPages.ScreenshotAsync(page, $"71-header-320-{locale}-{role}");
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
        public LayoutControl[] Controls { get; set; } = [];
        public string[] Sideways { get; set; } = [];
        public string[] Queues { get; set; } = [];
        public double ScrollWidth { get; set; }
        public double ClientWidth { get; set; }
    }

    private sealed class LayoutControl
    {
        public string Name { get; set; } = "";
        public bool Shown { get; set; }
    }
}
