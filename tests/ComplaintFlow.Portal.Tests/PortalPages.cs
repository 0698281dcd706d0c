using ComplaintFlow.Testing;
using Microsoft.Playwright;

namespace ComplaintFlow.Portal.Tests;

/// <summary>What a person does in the browser, written once for the tests.</summary>
internal static class PortalPages
{
    public static async Task<IPage> NewPageAsync(BrowserFixture browser, AppHost host, List<string>? consoleErrors = null, string locale = "en-GB")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        if (consoleErrors is not null)
        {
            // CSP violations and script errors show up here: a page that needs inline script would fail.
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => consoleErrors.Add(error);
            page.Response += (_, response) =>
            {
                if (response.Status == 404)
                {
                    consoleErrors.Add($"404 {response.Url}");
                }
            };
        }

        return page;
    }

    public static async Task SignInAsync(IPage page, string name, params string[] roles)
    {
        await page.GotoAsync("/portal/sign-in.html");
        await page.FillAsync("#user", name);
        await page.SetCheckedAsync("#role-agent", roles.Contains("agent"));
        await page.SetCheckedAsync("#role-supervisor", roles.Contains("supervisor"));
        // The page posts the form by script and, on 204, goes to the desk: wait for that answer first, so a failure
        // says which step failed (the answer, or the page after it) instead of only "no navigation".
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#sign-in"),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/portal/dev/sign-in", StringComparison.Ordinal));
        if (answer.Status != 204)
        {
            throw new InvalidOperationException($"The development sign-in answered {answer.Status}: {await answer.TextAsync()}");
        }

        // The desk is there once its script has asked who is signed in (#who); its load event is not the signal.
        await page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#who").WaitForAsync();
    }

    /// <summary>Opens a work list, reloading until the complaint shows (triage runs on a queue, a moment later).</summary>
    public static async Task<ILocator> FindInListAsync(IPage page, string list, string reference)
    {
        var row = page.Locator("#queue tbody tr", new PageLocatorOptions { HasText = reference });
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await page.GotoAsync($"/portal/?list={list}");
            await page.Locator("#as-of").Filter(new LocatorFilterOptions { HasText = "as of" }).WaitForAsync();
            if (await row.CountAsync() > 0)
            {
                return row;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{reference} never appeared in the {list} list.");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>
    /// The screenshots in docs/screenshots: the page at 1280 px and at 320 px wide (named page-width-language), kept
    /// with the test output; the viewport is put back afterwards.
    /// </summary>
    public static async Task DocumentAsync(IPage page, string name, string language)
    {
        var size = page.ViewportSize;
        foreach (var (width, height) in new[] { (1280, 800), (320, 640) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "docs", $"{name}-{width}-{language}.png"), FullPage = width == 320 });
        }

        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
