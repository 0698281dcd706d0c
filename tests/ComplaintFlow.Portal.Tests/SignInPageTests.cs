using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The local sign-in page follows the desk's error pattern: every error at once in a summary that takes focus and
/// links to its field, each field marked invalid with its message in aria-describedby, in the browser's language;
/// the error state passes axe; a corrected form signs in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("en-GB", "There is a problem", "Enter a user name.", "Choose agent, supervisor or both.")]
    [InlineData("zh-CN", "有需要修改的内容", "请输入用户名。", "请选择坐席、主管或两者。")]
    public async Task Errors_are_summarised_linked_to_their_fields_and_described_by_their_messages(string locale, string heading, string nameError, string rolesError)
    {
        var scriptErrors = new List<string>();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync("/portal/sign-in.html");

        await page.FillAsync("#user", "   ");
        await page.SetCheckedAsync("#role-agent", false);
        await page.SetCheckedAsync("#role-supervisor", false);
        await page.ClickAsync("#sign-in");

        // Both errors at once; the summary takes focus and each entry links to its field.
        var summary = page.Locator("#sign-in-form > .summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync(heading);
        await Expect(summary.Locator("li a")).ToHaveTextAsync([nameError, rolesError]);
        await Expect(page.Locator("#user")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#user")).ToHaveAccessibleDescriptionAsync(nameError);
        await Expect(page.Locator("#role-agent")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#role-agent")).ToHaveAccessibleDescriptionAsync(rolesError);
        await Axe.AssertCleanAsync(page, $"sign-in with errors, {locale}");

        await summary.Locator("li a").Nth(1).ClickAsync();
        await Expect(page.Locator("#role-agent")).ToBeFocusedAsync();

        // Fixed, only the roles are still wrong: the name's error and its marks are gone.
        await page.FillAsync("#user", "amy@desk.example");
        await page.ClickAsync("#sign-in");
        await Expect(summary.Locator("li a")).ToHaveTextAsync([rolesError]);
        await Expect(page.Locator("#user")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        await page.SetCheckedAsync("#role-agent", true);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));
        await page.Locator("#who").WaitForAsync();
        Assert.Empty(scriptErrors);
        await context.CloseAsync();
    }
}
