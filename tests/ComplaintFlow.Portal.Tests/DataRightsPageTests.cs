using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>The data rights page in a browser: a supervisor finds a contact, downloads the export and erases it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DataRightsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    // Each step waits on the API and Azurite; a loaded machine needs more than the 5 s default.
    private const float Patience = 30_000;
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_finds_a_contact_downloads_the_export_and_erases_it()
    {
        var submitted = await _host.SubmitAsync(new { name = "Chen Jie", email = "chen.jie@example.com", text = "I was charged twice for my March bill and nobody answers.", language = "en" }, "rights-page-1");
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "sam@desk.example", "supervisor");

        await page.ClickAsync("#nav-contact");
        await page.FillAsync("#contact", "Chen.Jie@example.com");
        await page.ClickAsync("#lookup");
        await Expect(page.Locator("#complaints tbody tr")).ToContainTextAsync(reference, new() { Timeout = Patience });
        await PortalPages.ScreenshotAsync(page, "20-data-rights-lookup");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var path = await download.PathAsync();
        using (var zip = ZipFile.OpenRead(path!))
        {
            Assert.NotNull(zip.GetEntry("manifest.json"));
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/complaint.json", StringComparison.Ordinal));
        }

        await page.ClickAsync("#erase");
        await Expect(page.Locator("[data-error-for=confirm]")).Not.ToBeEmptyAsync(new() { Timeout = Patience });
        await page.FillAsync("#confirm", "ERASE");
        await page.ClickAsync("#erase");
        await Expect(page.Locator("#banner")).ToContainTextAsync("Erased 1 complaint(s)", new() { Timeout = Patience });
        await Expect(page.Locator("#found")).ToHaveTextAsync("0 complaint(s) held for this contact");
        await PortalPages.ScreenshotAsync(page, "21-data-rights-erased");
        // The one refused request (erase without confirmation) is logged by the browser; nothing else may fail.
        Assert.DoesNotContain(errors, e => !e.Contains("status of 400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_has_no_data_rights_link_and_the_page_refuses_them()
    {
        var page = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");

        await Expect(page.Locator("#nav-contact")).ToHaveCountAsync(0);
        await page.GotoAsync("/portal/contact.html");
        await Expect(page.Locator("#banner")).ToContainTextAsync("Only supervisors");
        await Expect(page.Locator("#lookup-form")).ToBeHiddenAsync();
    }
}
