using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// A supervisor keeps the business calendars in the desk: the dashboard warns while the Chinese holidays run out (the
/// shipped data ends on 2026-12-31, within 60 days of today), the calendar page takes next year's schedule, refuses an
/// incomplete one field by field, and shows who saved it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patience = new() { Timeout = 15_000 };
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_follows_the_dashboard_banner_enters_next_years_holidays_and_sees_the_change_in_the_history()
    {
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "sam@desk.example", "supervisor");

        await page.GotoAsync("/portal/dashboard.html");
        var banner = page.Locator("#calendar-banner");
        await Expect(banner).ToBeVisibleAsync(Patience);
        await Expect(banner).ToContainTextAsync("Calendar cn holidays end");
        await PortalPages.ScreenshotAsync(page, "20-dashboard-calendar-banner");
        await banner.GetByRole(AriaRole.Link, new() { Name = "Enter the holidays" }).ClickAsync();

        await page.WaitForURLAsync("**/portal/calendar.html?calendar=cn&year=2027");
        await Expect(page.Locator("#origin")).ToContainTextAsync("not yet entered");
        // The form comes prefilled with the year as clocks count it now; this journey enters one span in its place.
        var rows = page.Locator("#holidays tbody tr");
        while (await rows.CountAsync() > 0)
        {
            await rows.First.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        }

        await page.ClickAsync("#add-holiday");
        var holiday = page.Locator("#holidays tbody tr").Last;
        await holiday.Locator("[name=holiday-name]").FillAsync("New Year");
        await holiday.Locator("[name=holiday-from]").FillAsync("2027-01-01");
        await page.ClickAsync("#save");
        await Expect(holiday.Locator("[data-error-for='holidays[0].to']")).ToContainTextAsync("Give the last day");
        await PortalPages.ScreenshotAsync(page, "21-calendar-year-errors");

        await holiday.Locator("[name=holiday-to]").FillAsync("2027-01-03");
        await page.ClickAsync("#save");
        await Expect(page.Locator("[data-error-for=calendar]")).ToContainTextAsync("Say where the schedule comes from");
        await page.FillAsync("#source", "State Council notice 2026-11-04");
        await page.CheckAsync("#recompute");
        await page.ClickAsync("#save");

        await Expect(page.Locator("#banner")).ToContainTextAsync("Saved cn 2027");
        await Expect(page.Locator("#origin")).ToContainTextAsync("entered in the desk");
        var change = page.Locator("#history tbody tr").First;
        await Expect(change).ToContainTextAsync("New Year 2027-01-01–2027-01-03");
        await Expect(change).ToContainTextAsync("State Council notice 2026-11-04");
        await Expect(change).ToContainTextAsync("sam@desk.example");
        await PortalPages.ScreenshotAsync(page, "22-calendar-year-saved");

        await page.GotoAsync("/portal/dashboard.html");
        await Expect(page.Locator("#summary")).ToContainTextAsync("complaint(s) received");
        await Expect(banner).ToBeHiddenAsync();
        // The two refused saves are 400s the browser reports; nothing else may fail (a CSP violation would).
        Assert.DoesNotContain(errors, e => !e.Contains("status of 400", StringComparison.Ordinal));
    }
}
