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
}
