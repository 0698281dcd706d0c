using System.Net;
using System.Text.RegularExpressions;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The pages as a keyboard user, a screen reader, a 320 px phone and a browser without script meet them; axe-core
/// checks every state reached here in both languages. Two hosts in all (public pages, desk) to keep the suite short.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Public_pages_link_errors_to_their_fields_lay_out_the_survey_and_pass_axe_in_English_and_Chinese()
    {
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        foreach (var (language, title, contactMessage) in new[]
        {
            ("en", "Make a complaint · ComplaintFlow", "Give an email address or a phone number"),
            ("zh-Hans", "提交投诉 · ComplaintFlow", "请留下电子邮箱或电话号码"),
        })
        {
            await page.GotoAsync("/");
            await page.ClickAsync($"button[data-lang='{language}']");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Expect(page).ToHaveTitleAsync(title);
            // Each language button is marked with the language it names, whatever the page's language.
            await Expect(page.Locator("button[data-lang='zh-Hant']")).ToHaveAttributeAsync("lang", "zh-Hant");
            await Expect(page.Locator("button[data-lang='en']")).ToHaveAttributeAsync("lang", "en");
            await Expect(page.Locator("meta[name=description]")).ToHaveAttributeAsync("content", new Regex(".{20,}"));
            await Axe.AssertCleanAsync(page, $"form {language}");
            await PortalPages.DocumentAsync(page, "form", language);

            // Nothing filled in: the summary takes focus and links to each field; the contact rule marks both fields.
            await page.ClickAsync("#submit");
            var summary = page.Locator("#form-errors");
            await Expect(summary).ToBeFocusedAsync();
            await Expect(summary.Locator("a[href='#email']")).ToContainTextAsync(contactMessage);
            await Expect(summary.Locator("a[href='#text']")).ToHaveCountAsync(1);
            foreach (var field in new[] { "#email", "#phone", "#text" })
            {
                await Expect(page.Locator(field)).ToHaveAttributeAsync("aria-invalid", "true");
            }

            await Expect(page.Locator("#email")).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(contactMessage)));
            await Expect(page.Locator("#phone")).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(contactMessage)));
            await Axe.AssertCleanAsync(page, $"form with errors {language}");
            await summary.Locator("a[href='#email']").ClickAsync();
            await Expect(page.Locator("#email")).ToBeFocusedAsync();

            // The server's word (a phone number it cannot read) comes back the same way.
            await page.FillAsync("#phone", "call me maybe");
            await page.FillAsync("#text", "The engineer never came.");
            await page.ClickAsync("#submit");
            await Expect(summary).ToBeFocusedAsync();
            await Expect(summary.Locator("a[href='#phone']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#phone")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#email")).Not.ToHaveAttributeAsync("aria-invalid", "true");

            // An empty status lookup says what is missing instead of doing nothing.
            await page.GotoAsync("/status");
            await Axe.AssertCleanAsync(page, $"status {language}");
            await PortalPages.DocumentAsync(page, "status", language);
            await page.ClickAsync("#lookup");
            await Expect(page.Locator("#form-errors")).ToBeFocusedAsync();
            await Expect(page.Locator("#form-errors a")).ToHaveCountAsync(2);
            await Expect(page.Locator("#reference")).ToHaveAttributeAsync("aria-invalid", "true");
            await Axe.AssertCleanAsync(page, $"status with errors {language}");

            // The survey: each radio button is its own size, right beside its label.
            await page.GotoAsync("/survey?reference=CF-AAAAA-AAAAA&token=unknown");
            await PortalPages.DocumentAsync(page, "survey", language);
            for (var score = 1; score <= 5; score++)
            {
                var radio = (await page.Locator($"#score-{score}").BoundingBoxAsync())!;
                var label = (await page.Locator($"label[for='score-{score}']").BoundingBoxAsync())!;
                Assert.True(radio.Width < 32, $"radio {score} is {radio.Width} px wide");
                Assert.InRange(label.X - (radio.X + radio.Width), 0, 24);
                Assert.InRange(Math.Abs((label.Y + (label.Height / 2)) - (radio.Y + (radio.Height / 2))), 0, 8);
            }

            await Axe.AssertCleanAsync(page, $"survey {language}");
            await page.ClickAsync("#submit");
            await Expect(page.Locator("#form-errors")).ToBeFocusedAsync();
            await Expect(page.Locator("#form-errors a[href='#score-1']")).ToHaveCountAsync(1);
            await Expect(page.Locator("fieldset.choices")).ToHaveAccessibleDescriptionAsync(new Regex("5"));
            await Expect(page.Locator("#score-1")).ToHaveAttributeAsync("aria-invalid", "true");
            await Axe.AssertCleanAsync(page, $"survey with errors {language}");

            // A complaint sent: the confirmation says where the acknowledgement went.
            await page.GotoAsync("/");
            await page.FillAsync("#email", $"lin.{language}@example.com");
            await page.FillAsync("#text", language == "en" ? "My router was never delivered." : "路由器一直没有送到。");
            await page.ClickAsync("#submit");
            await page.WaitForURLAsync("**/submitted?reference=*");
            await Expect(page.Locator("#sent-to")).ToContainTextAsync($"lin.{language}@example.com");
            await Axe.AssertCleanAsync(page, $"confirmation {language}");

            // Its status, found.
            await page.ClickAsync("#status-link");
            await page.FillAsync("#contact", $"lin.{language}@example.com");
            await page.ClickAsync("#lookup");
            await Expect(page.Locator("#status-result dl.status")).ToBeVisibleAsync();
            await Axe.AssertCleanAsync(page, $"status found {language}");
        }

        // The server's refusal of the phone number is the one expected error in the console.
        errors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("/", "en-GB", "en", "Make a complaint")]
    [InlineData("/status", "en-US", "en", "Check a complaint")]
    [InlineData("/", "zh-HK", "zh-Hant", "提交投訴")]
    public async Task On_a_slow_connection_the_page_appears_in_the_readers_language_without_moving(string path, string locale, string language, string heading)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        // A slow mobile connection (DevTools' "Slow 3G" figures): the page is painted long before its scripts arrive,
        // which is when swapping the written-in Chinese for the reader's language used to move everything (CLS 0.10).
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 400,
            ["downloadThroughput"] = 50_000,
            ["uploadThroughput"] = 50_000,
        });

        await page.GotoAsync(path);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(page.Locator("html")).Not.ToHaveAttributeAsync("data-i18n-pending", "");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        var shift = await page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
              let total = 0;
              new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
                .observe({ type: "layout-shift", buffered: true });
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
            })
            """);

        // "Good" is below 0.1 (web.dev's threshold); a page that moves nothing scores 0.
        Assert.True(shift < 0.01, $"cumulative layout shift {shift:0.000} on {path} for {locale}");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Without_script_the_form_answers_with_its_errors_as_a_page_and_then_with_the_confirmation_page()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), JavaScriptEnabled = false, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#text", "快递丢了，客服不回复。");
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#submit"), r => r.Url.EndsWith("/api/complaints", StringComparison.Ordinal));
        Assert.Equal(400, answer.Status);
        var summary = page.Locator("#form-errors");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToHaveAttributeAsync("autofocus", "");
        await Expect(summary.Locator("a[href='#email']")).ToContainTextAsync("请留下电子邮箱或电话号码");
        await Expect(page.Locator("#email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#text")).ToHaveValueAsync("快递丢了，客服不回复。");
        await Expect(page).ToHaveTitleAsync(new Regex("^错误："));
        await Axe.AssertCleanWithoutScriptAsync(browser.Browser, _host.Address, "/form-refused", await answer.TextAsync(), "zh-CN", "form refused without script, zh-CN");

        await page.FillAsync("#email", "wang.fang@example.com");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync("**/submitted?reference=*");
        await Expect(page.Locator("#reference")).ToHaveTextAsync(new Regex("^CF-[0-9A-Z]{5}-[0-9A-Z]{5}$"));
        await Axe.AssertCleanWithoutScriptAsync(browser.Browser, _host.Address, new Uri(page.Url).PathAndQuery, null, "zh-CN", "confirmation without script, zh-CN");

        // A refusal of the whole post (here a form key that cannot be one) is the form again with a summary and no
        // field marked: the same checks, in English this time.
        using var refusal = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "key@example.com", ["text"] = "Bill doubled.", ["language"] = "en", ["idempotencyKey"] = new string('k', 300) }),
        };
        refusal.Headers.Accept.ParseAdd("text/html");
        using var refused = await _host.Client.SendAsync(refusal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await Axe.AssertCleanWithoutScriptAsync(browser.Browser, _host.Address, "/form-refused", await refused.Content.ReadAsStringAsync(), "en-GB", "whole post refused without script, en");
        var reference = await page.Locator("#reference").TextContentAsync();
        Assert.True(Core.Complaints.ComplaintId.TryParse(reference, out var id));
        Assert.NotNull(await _host.Complaints.FindAsync(id, CancellationToken.None));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Static_files_go_out_compressed_under_content_hashed_names_cached_for_a_year()
    {
        var dashboard = await _host.Client.GetStringAsync("/portal/dashboard.html");
        var chartPath = ChartScript().Match(dashboard);
        Assert.True(chartPath.Success, "the dashboard names the chart script by a hashed name");

        using var request = new HttpRequestMessage(HttpMethod.Get, chartPath.Value);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.InRange((await response.Content.ReadAsByteArrayAsync()).Length, 1, 100_000);

        using var gzip = new HttpRequestMessage(HttpMethod.Get, chartPath.Value);
        gzip.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await _host.Client.SendAsync(gzip);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);

        // Pages are asked for again each time, so they always name the current files.
        using var page = await _host.Client.GetAsync("/");
        Assert.True(page.Headers.CacheControl!.NoCache);
        Assert.Matches(@"/js/form\.[0-9a-f]{10}\.js", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_desk_keeps_focus_through_refreshes_reflows_at_320px_describes_its_charts_and_passes_axe()
    {
        var response = await _host.SubmitAsync(new { email = "zhou.min@example.com", text = "宽带断线三天了，客服电话一直占线。", language = "zh-Hans" });
        response.EnsureSuccessStatusCode();
        var errors = new List<string>();
        // A Chinese browser: the desk speaks Chinese (the browser's language) for labels, errors and dates alike.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        await page.Clock.InstallAsync();
        await page.GotoAsync("/portal/sign-in.html");
        await Axe.AssertCleanAsync(page, "sign-in");
        await PortalPages.SignInAsync(page, "sam@desk.example", "agent", "supervisor");
        var reference = await AppHost.EventuallyAsync(
            async () =>
            {
                await page.GotoAsync("/portal/?list=unassigned");
                await page.Locator("#as-of").Filter(new() { HasText = "截至" }).WaitForAsync();
                return await page.Locator("#queue tbody tr[data-id] a").CountAsync() > 0 ? await page.Locator("#queue tbody tr[data-id] a").First.TextContentAsync() : null;
            },
            r => r is not null,
            "the complaint in the unassigned queue");

        // The first Tab stop is the skip link; nav names read as words, not "未分派1".
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await Expect(page.Locator("#nav-unassigned")).ToHaveAccessibleNameAsync(new Regex(@"^未分派 ?： ?\d+ ?件投诉$"));

        // A refresh keeps focus on the link and says nothing when nothing changed.
        var link = page.Locator("#queue tbody tr[data-id] a").First;
        await link.FocusAsync();
        var refreshed = page.WaitForResponseAsync(r => r.Url.Contains("/api/portal/lists/unassigned", StringComparison.Ordinal));
        await page.Clock.RunForAsync(21_000);
        await refreshed;
        await Expect(link).ToBeFocusedAsync();
        await Expect(page.Locator("#queue-changes")).ToBeEmptyAsync();

        // Paused, it does not refresh at all.
        await page.ClickAsync("#pause");
        await Expect(page.Locator("#pause")).ToHaveAttributeAsync("aria-pressed", "true");
        var requests = 0;
        page.Request += (_, r) => requests += r.Url.Contains("/api/portal/lists/unassigned", StringComparison.Ordinal) ? 1 : 0;
        await page.Clock.RunForAsync(61_000);
        Assert.Equal(0, requests);
        await page.ClickAsync("#pause");

        // A new complaint is announced, once, and focus stays put.
        (await _host.SubmitAsync(new { phone = "+8613800138111", text = "账单多扣了钱。", language = "zh-Hans" })).EnsureSuccessStatusCode();
        await link.FocusAsync();
        await AppHost.EventuallyAsync(
            async () =>
            {
                await page.Clock.RunForAsync(21_000);
                return await page.Locator("#queue tbody tr[data-id]").CountAsync();
            },
            n => n >= 2,
            "the second complaint in the queue");
        await Expect(page.Locator("#queue-changes")).ToHaveTextAsync("新增 1 件投诉。");
        await Expect(page.Locator("#queue tbody tr[data-id] a", new() { HasText = reference })).ToBeFocusedAsync();

        await Axe.AssertCleanAsync(page, "queue 1280");

        await page.Locator("#queue tbody tr[data-id] a", new() { HasText = reference }).ClickAsync();
        await Expect(page.Locator("#title")).ToContainTextAsync(reference!);
        await Expect(page.Locator("#text")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Axe.AssertCleanAsync(page, "complaint 1280");

        // A desk form's errors: summary with links, field described by its message, in the desk's language.
        await page.ClickAsync("#note-form button[type=submit]");
        var summary = page.Locator("#note-form .summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.Locator("#note-text")).ToHaveAttributeAsync("aria-invalid", "true");
        var message = await page.Locator("#note-form [data-error-for=text]").TextContentAsync();
        Assert.Equal("此项为必填。", message);
        await Expect(page.Locator("#note-text")).ToHaveAccessibleDescriptionAsync(message!);
        await Axe.AssertCleanAsync(page, "complaint with errors");

        // The dashboard: every chart has a sentence and a table.
        await page.GotoAsync("/portal/dashboard.html");
        await Expect(page.Locator("#summary")).ToContainTextAsync("共受理");
        foreach (var chart in new[] { "volume", "categories", "compliance", "root-causes" })
        {
            await Expect(page.Locator($"#{chart}")).ToHaveAttributeAsync("role", "img");
            await Expect(page.Locator($"#{chart}")).ToHaveAccessibleNameAsync(new Regex(".{10,}"));
            await Expect(page.Locator($"#{chart}-data table tbody tr")).Not.ToHaveCountAsync(0);
        }

        await page.Locator("#volume-data summary").ClickAsync();
        await Expect(page.Locator("#volume-data table")).ToContainTextAsync("网页");
        await Axe.AssertCleanAsync(page, "dashboard 1280");

        // Recording a complaint with no contact: the summary links to the email field, and both contact fields are marked.
        await page.GotoAsync("/portal/record.html");
        await page.Locator("body[data-ready=true]").WaitForAsync();
        await page.FillAsync("#text", "The customer called about a double charge.");
        await page.ClickAsync("#record");
        await Expect(page.Locator("#record-form .summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#record-form .summary a[href='#email']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertCleanAsync(page, "record with errors");

        // Reflow: nothing scrolls sideways at 320 px on any desk page, nor at 640 x 400, which is what a 1280 x 800 screen
        // shows at 200 % zoom (WCAG 1.4.4 and 1.4.10); axe checks the 320 px states.
        foreach (var (width, height) in new[] { (320, 640), (640, 400) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var (path, ready) in new[]
            {
                ("/portal/?list=unassigned", "#as-of"),
                ($"/portal/complaint.html?id={Uri.EscapeDataString(reference!)}", "#actions"),
                ("/portal/dashboard.html", "#volume-data"),
                ("/portal/record.html", "#who"),
                ("/portal/contact.html", "#who"),
                ("/portal/calendar.html?calendar=cn&year=2026", "#who"),
                ("/portal/mail.html", "#ignored-card:not([hidden])"),
            })
            {
                await page.GotoAsync(path);
                await page.Locator("body[data-ready=true]").WaitForAsync();
                await page.Locator(ready).WaitForAsync(new() { State = WaitForSelectorState.Attached });
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide at {width} px");
                if (width == 320)
                {
                    await Axe.AssertCleanAsync(page, $"{path} at 320 px");
                }
            }
        }

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        await context.CloseAsync();
    }

    [GeneratedRegex(@"/portal/lib/chart\.umd\.min\.[0-9a-f]{10}\.js")]
    private static partial Regex ChartScript();
}
