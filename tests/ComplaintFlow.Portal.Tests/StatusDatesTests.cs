using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// A customer in the UK complains on the web form: the form sends the browser's zone, the acknowledgement promises a
/// date in UK time with the zone named, and the status page shows the same words (not "12/6/2026, 4:34 AM").
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusDatesTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_status_page_shows_the_promised_reply_date_as_the_acknowledgement_wrote_it_in_the_customers_zone()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await page.ClickAsync("button[data-lang=en]");
        await page.FillAsync("#email", "harriet@example.co.uk");
        await page.FillAsync("#text", "My bill doubled without notice and nobody answers the phone.");
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync("**/submitted?reference=*");
        var reference = (await page.Locator("#reference").TextContentAsync())!.Trim();

        var email = (await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.SendGrid.ReceivedEmail>?>(_host.Mailbox.Emails.Where(e => e.Subject.Contains(reference, StringComparison.Ordinal)).ToList()),
            list => list is { Count: > 0 },
            "the acknowledgement"))[0];
        var status = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}?contact=harriet@example.co.uk");
        var replyBy = status.GetProperty("dates").GetProperty("replyBy").GetString()!;

        Assert.Equal("Europe/London", status.GetProperty("timeZone").GetString());
        Assert.Matches(@"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (GMT|BST)$", replyBy);
        Assert.Contains(replyBy, email.Text, StringComparison.Ordinal);

        await page.GotoAsync($"/status?reference={Uri.EscapeDataString(reference)}");
        await page.FillAsync("#contact", "harriet@example.co.uk");
        await page.ClickAsync("#status-form button[type=submit]");
        await Expect(page.Locator("#status-result")).ToContainTextAsync(replyBy);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("en", "No complaint matches this reference and contact.")]
    [InlineData("zh-Hans", "没有找到与该编号和联系方式匹配的投诉。")]
    public async Task A_reference_that_matches_nothing_is_reported_in_the_error_summary_linked_to_the_reference_field(string language, string message)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/status");
        await page.ClickAsync($"button[data-lang={language}]");
        await page.FillAsync("#reference", "CF-00000-00000");
        await page.FillAsync("#contact", "nobody@example.com");
        await page.ClickAsync("#status-form button[type=submit]");

        var summary = page.Locator("#form-errors");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("a[href='#reference']")).ToHaveTextAsync(message);
        await Expect(page.Locator("#reference")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#reference-error")).ToHaveTextAsync(message);
        await summary.Locator("a[href='#reference']").ClickAsync();
        await Expect(page.Locator("#reference")).ToBeFocusedAsync();
        await context.CloseAsync();
    }
}
