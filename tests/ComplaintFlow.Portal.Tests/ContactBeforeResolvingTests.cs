using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Reaching the customer before the resolution, in the browser, with the desk in English and in Chinese: a call
/// recorded meets the first-response clock; an interim reply in the customer's language is previewed, sent, and arrives
/// at the Twilio fake word for word as previewed; "Resolve and send" shows the letter and sends it only when confirmed,
/// and the SendGrid fake receives that letter, then the survey. Screenshots: contact-*.png in the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactBeforeResolvingTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The words each desk language shows, and a customer of that language.</summary>
    private sealed record Desk(string Language, string Locale, string Phone, string Text, string Heading, string Met, string PreviewHeading, string Template, string Resolution);

    private static readonly Desk English = new("en", "en-GB", "+8613800138201", "My meter reading is wrong and the bill doubled.",
        "Contact the customer", "met", "The customer will get:", "We are still looking into your complaint", "We corrected the reading and refunded CNY 86.");

    private static readonly Desk Chinese = new("zh-Hans", "zh-CN", "+8613800138202", "电表读数不对，电费翻了一倍。",
        "联系客户", "达成", "客户将收到：", "我们仍在跟进您的投诉", "我们已更正读数，并退还电费 86 元。");

    [Fact]
    public async Task A_call_an_interim_reply_and_a_previewed_resolution_reach_the_customer_as_shown_in_English_and_Chinese()
    {
        foreach (var desk in new[] { English, Chinese })
        {
            await WalkAsync(desk);
        }
    }

    private async Task WalkAsync(Desk desk)
    {
        var accepted = await (await _host.SubmitAsync(new { name = "Zhou Min", email = $"zhou.{desk.Language}@example.com", phone = desk.Phone, text = desk.Text, language = desk.Language }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90));

        var errors = new List<string>();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = desk.Locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => errors.Add(error);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");
        await page.GotoAsync($"/portal/complaint.html?id={id}");
        await page.Locator("#actions").WaitForAsync();
        await Expect(page.Locator("#contact-form h2")).ToHaveTextAsync(desk.Heading);
        var firstResponse = page.Locator("#clocks tbody tr").Nth(await ClockRowAsync(page, "first-response", desk));
        await Expect(firstResponse.Locator("td").Nth(3)).Not.ToHaveClassAsync("met");

        // A call that reached the customer: on the timeline, and the first-response clock is met.
        await page.SelectOptionAsync("#contact-method", "phone");
        await page.SelectOptionAsync("#contact-outcome", "reached");
        await page.FillAsync("#contact-summary", "Explained the estimated reading; a meter check is booked.");
        await page.ClickAsync("#record-contact");
        await Expect(page.Locator("#timeline li[data-type=contact]")).ToContainTextAsync("a meter check is booked");
        await Expect(firstResponse.Locator("td").Nth(3)).ToHaveClassAsync("met");
        await Expect(firstResponse.Locator("td").Nth(3)).ToContainTextAsync(desk.Met);
        await PortalPages.ScreenshotAsync(page, $"contact-01-call-recorded-{desk.Language}");

        // An interim reply by text from a template in the customer's language, previewed, then sent.
        await page.SelectOptionAsync("#interim-channel", "sms");
        await page.SelectOptionAsync("#interim-template", "progress");
        await Expect(page.Locator("#interim-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^" + desk.Template));
        await page.ClickAsync("#interim-preview-button");
        await Expect(page.Locator("#interim-preview h3")).ToHaveTextAsync(desk.PreviewHeading);
        await Expect(page.Locator("#interim-preview h3")).ToBeFocusedAsync();
        var previewedText = (await page.Locator("#interim-preview .letter-text").TextContentAsync())!;
        Assert.Contains(desk.Template, previewedText, StringComparison.Ordinal);
        Assert.Contains(ComplaintId.ToReference(id), previewedText, StringComparison.Ordinal);
        await Axe.AssertCleanAsync(page, $"interim reply preview {desk.Language}");
        await PortalPages.ScreenshotAsync(page, $"contact-02-interim-preview-{desk.Language}");
        await page.ClickAsync("#interim-send");
        await Expect(page.Locator("#timeline li[data-type=contact]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#interim-preview")).ToBeHiddenAsync();
        var texts = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.Twilio.TwilioFakeMessage>?>(_host.Texts.Messages.Where(m => m.To == desk.Phone).ToList()),
            list => list?.Count > 0,
            "the interim reply at the Twilio fake",
            TimeSpan.FromSeconds(60));
        Assert.Equal(previewedText, Assert.Single(texts).Body);

        // Resolve and send: the letter first, sent only once confirmed.
        await page.FillAsync("#resolution-text", desk.Resolution);
        await page.SelectOptionAsync("#root-cause", "our-error");
        await page.ClickAsync("#resolve");
        await Expect(page.Locator("#resolve-preview .letter-text").First).ToContainTextAsync(desk.Resolution);
        var letter = page.Locator("#resolve-preview article[data-channel=email]");
        var previewedSubject = (await letter.Locator(".letter-subject").TextContentAsync())!;
        var previewedLetter = (await letter.Locator(".letter-text").TextContentAsync())!;
        await Axe.AssertCleanAsync(page, $"resolution preview {desk.Language}");
        await PortalPages.ScreenshotAsync(page, $"contact-03-resolve-preview-{desk.Language}");
        Assert.DoesNotContain((await _host.Complaints.GetHistoryAsync(id, CancellationToken.None)), e => e.Type == EventTypes.Resolved);
        await page.ClickAsync("#resolve-confirm");
        await Expect(page.Locator("#timeline li[data-type=resolved]")).ToHaveCountAsync(1);
        await PortalPages.ScreenshotAsync(page, $"contact-04-resolved-{desk.Language}");

        var emails = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<ReceivedEmail>?>(_host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id).ToList()),
            list => list?.Count == 3,
            "acknowledgement, resolution and survey emails",
            TimeSpan.FromSeconds(90));
        var resolution = emails.Single(e => e.Subject == previewedSubject);
        Assert.Equal(previewedLetter, resolution.Text);
        var survey = emails.Single(e => e.Text!.Contains("/survey?reference=", StringComparison.Ordinal));
        Assert.True(survey.ReceivedAt >= resolution.ReceivedAt, "the survey arrives after the resolution");
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    /// <summary>The row of the internal clock of this kind in the clocks table.</summary>
    private static async Task<int> ClockRowAsync(IPage page, string kind, Desk desk)
    {
        var label = desk.Language == "en" ? kind : "首次答复";
        var rows = await page.Locator("#clocks tbody tr").AllAsync();
        for (var i = 0; i < rows.Count; i++)
        {
            if ((await rows[i].Locator("td").First.TextContentAsync()) == label)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No {kind} clock on the page.");
    }
}
