using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The page a customer we can only text opens from the link in our resolution text: they confirm their number, type
/// the code we text them, and read the letter and where they may refer it, in English and Chinese, with axe clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ResolutionPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Phone = "+8613800138031";
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Complaint> ResolvedBySmsAsync()
    {
        var id = ComplaintId.FromSource(Channel.Sms, "SM" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;
        var complaint = new Complaint
        {
            Id = id,
            Channel = Channel.Sms,
            ReceivedAt = now.AddDays(-2),
            Contact = new ContactDetails { Phone = Phone },
            Text = "宽带断了三天。",
            Language = SupportedLanguages.SimplifiedChinese,
            SourceMessageId = id,
            Status = ComplaintStatus.Resolved,
            Resolution = new Resolution
            {
                Text = "我们更换了您所在小区的光纤设备，宽带已于昨天恢复。\n\n断网三天的月租已退还到您的账户。",
                RootCause = "our-error",
                CorrectiveAction = "更换老化设备",
                ResolvedBy = "amy@desk.example",
                ResolvedAt = now,
                SurveyToken = "survey-token",
            },
            Referrals =
            [
                new ReferralRight
                {
                    Profile = "miit-telecom",
                    Text = new Dictionary<string, string>
                    {
                        ["en"] = "If you are not satisfied, you may appeal to the MIIT telecom user appeal centre (12300).",
                        ["zh-Hans"] = "如对处理结果不满意，您可以向工业和信息化部电信用户申诉受理中心（12300）申诉。",
                        ["zh-Hant"] = "如對處理結果不滿意，您可以向工業和信息化部電信用戶申訴受理中心（12300）申訴。",
                    },
                },
            ],
        };
        Assert.True(await _host.Complaints.TryCreateAsync(complaint.Change(complaint.ReceivedAt).Record(EventTypes.Received, Actors.Customer), CancellationToken.None));
        return complaint;
    }

    [Fact]
    public async Task The_customer_confirms_their_number_with_the_texted_code_and_reads_the_letter_and_referral_rights_with_axe_clean()
    {
        var complaint = await ResolvedBySmsAsync();
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);

        await page.GotoAsync($"/r/{complaint.Reference}");
        await Expect(page).ToHaveURLAsync(new Regex($"/resolution\\?reference={complaint.Reference}$"));
        await page.ClickAsync("button[data-lang='en']");
        await Expect(page).ToHaveTitleAsync("Read our answer · ComplaintFlow");
        await Expect(page.Locator("#reference")).ToHaveValueAsync(complaint.Reference);
        await Axe.AssertCleanAsync(page, "resolution page en");

        // No number: the summary takes focus and links to the field, which says what is wrong.
        await page.ClickAsync("#send-code");
        var summary = page.Locator("#phone-errors");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("a[href='#phone']")).ToContainTextAsync("Enter the mobile number you texted us from.");
        await Expect(page.Locator("#phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#phone")).ToHaveAccessibleDescriptionAsync("Enter the mobile number you texted us from.");
        await Axe.AssertCleanAsync(page, "resolution page, no number");

        await page.FillAsync("#phone", "13800138031");
        await page.ClickAsync("#send-code");
        await Expect(page.Locator("#code")).ToBeFocusedAsync();
        var texted = await AppHost.EventuallyAsync(
            () => Task.FromResult(_host.Texts.Messages.FirstOrDefault(m => m.To == Phone)),
            m => m is not null,
            "the code by text",
            TimeSpan.FromSeconds(60));
        var code = SixDigits().Match(texted!.Body).Value;

        await page.FillAsync("#code", code == "000000" ? "111111" : "000000");
        await page.ClickAsync("#read");
        await Expect(page.Locator("#code-errors")).ToBeFocusedAsync();
        await Expect(page.Locator("#code")).ToHaveAccessibleDescriptionAsync("That code is wrong or no longer works. Ask for a new code.");
        await Axe.AssertCleanAsync(page, "resolution page, wrong code");

        await page.FillAsync("#code", code);
        await page.ClickAsync("#read");
        var letter = page.Locator("#letter");
        await Expect(letter).ToBeVisibleAsync();
        await Expect(page.Locator("#letter-text")).ToContainTextAsync("宽带已于昨天恢复");
        await Expect(page.Locator("#letter-text p")).ToHaveCountAsync(2);
        await Expect(page.Locator("#letter-text")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page.Locator("#letter-rights")).ToContainTextAsync("MIIT telecom user appeal centre (12300)");
        await Expect(page.Locator("#resolution-status")).ToHaveTextAsync("Here is our written answer.");
        await Expect(page.Locator("#code-form")).ToBeHiddenAsync();
        await Axe.AssertCleanAsync(page, "resolution letter en");

        await page.ClickAsync("button[data-lang='zh-Hant']");
        await Expect(page.Locator("#letter-rights")).ToContainTextAsync("電信用戶申訴受理中心");
        await Expect(page.Locator("#rights-title")).ToHaveTextAsync("如果您對答覆不滿意");
        await Expect(page.Locator("#resolution-status")).ToHaveTextAsync("以下是我們的書面答覆。");
        await Axe.AssertCleanAsync(page, "resolution letter zh-Hant");
        await PortalPages.ScreenshotAsync(page, "resolution-letter-zh-Hant");
        // The wrong code's 400 is the browser's own console line; anything else (script error, CSP, 404) fails.
        Assert.DoesNotContain(errors, e => !e.Contains("status of 400", StringComparison.Ordinal));
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
