using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ComplaintFlow.Portal.Tests;

/// <summary>axe-core over a page as it stands: any WCAG 2.0/2.1 A or AA violation fails the test, naming the nodes.</summary>
internal static class Axe
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertCleanAsync(IPage page, string state)
    {
        var result = await page.RunAxe(WcagAA);
        var violations = result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {n.Target} {n.Html}")).ToList();
        Assert.True(violations.Count == 0, $"axe on {state}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>
    /// axe over a page as a browser without script shows it. axe itself is script, so it runs in a context whose own
    /// script files are refused; <paramref name="html"/>, when given, is served at <paramref name="path"/> (the answer
    /// to a form post, which cannot be fetched again).
    /// </summary>
    public static async Task AssertCleanWithoutScriptAsync(IBrowser browser, Uri baseAddress, string path, string? html, string locale, string state)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale });
        try
        {
            await context.RouteAsync("**/*.js", route => route.AbortAsync());
            if (html is not null)
            {
                await context.RouteAsync($"**{path}", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
            }

            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await AssertCleanAsync(page, state);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
