using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>The complaint desk in a browser: the customer's form, the staff portal, the resolution and the survey.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ComplaintDeskTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_web_complaint_is_claimed_and_resolved_in_the_portal_and_the_customer_answers_the_survey()
    {
        var errors = new List<string>();
        var customer = await PortalPages.NewPageAsync(browser, _host, errors);
        await customer.GotoAsync("/");
        await customer.ClickAsync("button[data-lang=en]");
        await Expect(customer.Locator("h1")).ToHaveTextAsync("Make a complaint");
        await customer.FillAsync("#name", "Chen Jie");
        await customer.FillAsync("#email", "chen.jie@example.com");
        await customer.FillAsync("#text", "I was charged twice for my March bill and nobody has answered my emails.");
        await PortalPages.ScreenshotAsync(customer, "01-complaint-form");
        await customer.ClickAsync("#submit");
        await customer.WaitForURLAsync("**/submitted?reference=*");
        var reference = (await customer.Locator("#reference").TextContentAsync())!;
        Assert.Matches("^CF-[0-9A-Z]{5}-[0-9A-Z]{5}$", reference);
        await PortalPages.ScreenshotAsync(customer, "02-confirmation");

        var agent = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        var row = await PortalPages.FindInListAsync(agent, "unassigned", reference);
        await PortalPages.ScreenshotAsync(agent, "03-unassigned-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(agent.Locator("#title")).ToContainTextAsync(reference);
        await agent.ClickAsync("#claim");
        await Expect(agent.Locator("#owner")).ToHaveTextAsync("Owned by amy@desk.example");

        await agent.FillAsync("#resolution-text", "We found the duplicate charge and refunded CNY 128 to your card on 3 March.");
        await agent.SelectOptionAsync("#root-cause", "our-error");
        await agent.FillAsync("#corrective-action", "Billing now rejects a second charge for the same period.");
        await agent.ClickAsync("#resolve");
        await Expect(agent.Locator("#resolve-preview .letter-text")).ToContainTextAsync("refunded CNY 128"); // the letter, then confirm
        await agent.ClickAsync("#resolve-confirm");
        await Expect(agent.Locator("#title")).ToContainTextAsync("Resolved");
        await Expect(agent.Locator("#timeline li[data-type=resolved]")).ToHaveCountAsync(1);
        await Expect(agent.Locator("#timeline li[data-type=assigned]")).ToContainTextAsync("to amy@desk.example");
        await PortalPages.ScreenshotAsync(agent, "04-complaint-resolved");

        var id = ComplaintId.TryParse(reference, out var parsed) ? parsed : throw new InvalidOperationException(reference);
        var emails = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<ReceivedEmail>?>(_host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id).ToList()),
            list => list?.Count(e => e.Subject.Contains("How did we handle", StringComparison.Ordinal)) == 1
                && list.Any(e => e.Subject.Contains("Our answer", StringComparison.Ordinal)),
            "the resolution and survey emails at the SendGrid fake",
            TimeSpan.FromSeconds(90));
        var resolution = emails.Single(e => e.Subject.Contains("Our answer", StringComparison.Ordinal));
        Assert.Contains("refunded CNY 128", resolution.Text, StringComparison.Ordinal);
        Assert.Equal(["chen.jie@example.com"], resolution.To);
        var link = SurveyLink().Match(emails.Single(e => e.Subject.Contains("How did we handle", StringComparison.Ordinal)).Text!);

        await customer.GotoAsync(link.Groups["path"].Value);
        await customer.ClickAsync("button[data-lang=en]");
        await customer.CheckAsync("input[name=score][value='5']");
        await customer.FillAsync("#comment", "Quick and clear, thank you.");
        await PortalPages.ScreenshotAsync(customer, "05-survey");
        await customer.ClickAsync("#submit");
        await Expect(customer.Locator("#survey-result")).ToHaveTextAsync("Thank you for your answer.");

        await agent.ReloadAsync();
        await Expect(agent.Locator("#timeline li[data-type=survey]")).ToContainTextAsync("score 5/5");
        await agent.GotoAsync("/portal/dashboard.html");
        await Expect(agent.Locator("#summary")).ToContainTextAsync("complaint(s) received");
        await Expect(agent.Locator("#staff-card")).ToBeHiddenAsync();
        await PortalPages.ScreenshotAsync(agent, "06-dashboard-agent");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task An_overdue_complaint_shows_in_the_overdue_queue_and_its_text_is_shown_never_run()
    {
        const string hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script> My refund is late.";
        var seeded = await SeededComplaints.OpenAsync(_host, "overdue-browser", DateTimeOffset.UtcNow.AddHours(-3), text: hostile);
        var reference = ComplaintId.ToReference(seeded.Id);
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");

        var row = await PortalPages.FindInListAsync(page, "overdue", reference);
        await Expect(row).ToContainTextAsync("overdue by 3 h");
        await Expect(page.Locator("[data-count=overdue]")).ToHaveTextAsync("1");
        await PortalPages.ScreenshotAsync(page, "07-overdue-queue");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#text")).ToHaveTextAsync(hostile);
        Assert.Equal(0, await page.Locator("#text img, #text script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        await PortalPages.ScreenshotAsync(page, "08-complaint-page");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task A_customer_the_acknowledgement_did_not_reach_is_flagged_on_the_page_and_counted_in_the_not_reached_queue()
    {
        await _host.Services.GetRequiredService<ISmsOptOuts>().OptOutAsync("+8613800139876", "STOP", CancellationToken.None);
        var response = await _host.SubmitAsync(new { phone = "+8613800139876", text = "Nobody answers my calls.", language = "en" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.CustomerNotReached() == true,
            "the acknowledgement recorded not sent");
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");

        var row = await PortalPages.FindInListAsync(page, "not-reached", ComplaintId.ToReference(id));
        await Expect(row).ToContainTextAsync("not reached");
        await Expect(page.Locator("[data-count=not-reached]")).Not.ToHaveTextAsync("0");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#not-reached")).ToContainTextAsync("Customer not reached.");
        await Expect(page.Locator("#not-reached")).ToContainTextAsync("sms-opt-out");
        await page.Locator("#log-call").ClickAsync();
        await Expect(page.Locator("#contact-summary")).ToHaveValueAsync("Called the customer (not reached by notice): ");
        await Expect(page.Locator("#contact-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#notifications tbody")).ToContainTextAsync("not sent: sms-opt-out");
        await PortalPages.ScreenshotAsync(page, "09-customer-not-reached");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task An_agent_cannot_reassign_a_colleagues_complaint_or_see_the_staff_breakdown_but_a_supervisor_can()
    {
        var seeded = await SeededComplaints.OpenAsync(_host, "owned-by-bo", DateTimeOffset.UtcNow.AddDays(4), owner: "bo@desk.example");
        var agent = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");

        await agent.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await Expect(agent.Locator("#owner")).ToHaveTextAsync("Owned by bo@desk.example");
        await agent.SelectOptionAsync("#assignee", "amy@desk.example");
        await agent.ClickAsync("#assign-form button[type=submit]");
        await Expect(agent.Locator("#banner")).ToContainTextAsync("only a supervisor can reassign it");
        await Expect(agent.Locator("#owner")).ToHaveTextAsync("Owned by bo@desk.example");

        var supervisor = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(supervisor, "sam@desk.example", "agent", "supervisor");
        await supervisor.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await Expect(supervisor.Locator("#owner")).ToHaveTextAsync("Owned by bo@desk.example");
        await supervisor.SelectOptionAsync("#assignee", "amy@desk.example");
        await supervisor.ClickAsync("#assign-form button[type=submit]");
        await Expect(supervisor.Locator("#owner")).ToHaveTextAsync("Owned by amy@desk.example");
        await supervisor.GotoAsync("/portal/dashboard.html");
        await Expect(supervisor.Locator("#staff tbody")).ToContainTextAsync("amy@desk.example");
        await PortalPages.ScreenshotAsync(supervisor, "09-dashboard-supervisor");
    }

    [Fact]
    public async Task A_stale_page_gets_a_clear_conflict_instead_of_overwriting_a_colleagues_change()
    {
        var seeded = await SeededComplaints.OpenAsync(_host, "stale-page", DateTimeOffset.UtcNow.AddDays(4));
        var amy = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(amy, "amy@desk.example", "agent");
        var bo = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(bo, "bo@desk.example", "agent");
        await amy.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await bo.GotoAsync($"/portal/complaint.html?id={seeded.Id}");
        await Expect(amy.Locator("#claim")).ToBeVisibleAsync();
        await Expect(bo.Locator("#claim")).ToBeVisibleAsync();

        await bo.ClickAsync("#claim");
        await Expect(bo.Locator("#owner")).ToHaveTextAsync("Owned by bo@desk.example");
        await amy.ClickAsync("#claim");

        await Expect(amy.Locator("#banner")).ToContainTextAsync("changed since you opened it");
        await Expect(amy.Locator("#banner")).ToContainTextAsync("bo@desk.example");
        await PortalPages.ScreenshotAsync(amy, "10-conflict");
        await amy.ClickAsync("#reload");
        await Expect(amy.Locator("#owner")).ToHaveTextAsync("Owned by bo@desk.example");
    }

    [Fact]
    public async Task Changing_the_priority_on_the_complaint_page_needs_a_reason_and_re_plans_the_deadlines_shown()
    {
        var submitted = await _host.SubmitAsync(new { email = "oxygen@example.com", text = "The power cut stopped my mother's oxygen concentrator last night.", language = "en" });
        submitted.EnsureSuccessStatusCode();
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var agent = await PortalPages.NewPageAsync(browser, _host);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        var row = await PortalPages.FindInListAsync(agent, "unassigned", reference);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await agent.Locator("#actions").WaitForAsync();
        var running = agent.Locator("#clocks tbody tr", new() { HasText = "internal" }).Filter(new() { HasNotText = "met " });
        await Expect(running).Not.ToHaveCountAsync(0);
        var before = await running.AllInnerTextsAsync();
        var current = await agent.Locator("#new-priority").InputValueAsync();
        var wanted = current == "P1" ? "P4" : "P1";

        // No reason: refused, the field says why, nothing recorded.
        await agent.SelectOptionAsync("#new-priority", wanted);
        await agent.ClickAsync("#change-priority");
        await Expect(agent.Locator("#priority-form .summary")).ToBeFocusedAsync();
        await Expect(agent.Locator("#priority-reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(agent.Locator("#timeline li[data-type=priority-changed]")).ToHaveCountAsync(0);

        await agent.FillAsync("#priority-reason", "Medical equipment without power: a safety risk.");
        await agent.ClickAsync("#change-priority");
        await Expect(agent.Locator("#banner")).ToContainTextAsync("Saved: priority.");
        var changed = agent.Locator("#timeline li[data-type=priority-changed]");
        await Expect(changed).ToContainTextAsync($"{current} → {wanted}");
        await Expect(changed).ToContainTextAsync("Medical equipment without power: a safety risk.");
        await Expect(changed).ToContainTextAsync(new Regex(@"due \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} China Standard Time \(was "));
        await Expect(agent.Locator("#scores strong")).ToHaveTextAsync(wanted);
        await Expect(agent.Locator("#new-priority")).ToHaveValueAsync(wanted);
        var after = await running.AllInnerTextsAsync();
        Assert.NotEqual(before, after);
        await PortalPages.ScreenshotAsync(agent, "11-priority-changed");
    }

    [GeneratedRegex(@"http://complaints\.test(?<path>/survey\?reference=CF-[0-9A-Z-]+&token=[0-9a-f]+)")]
    private static partial Regex SurveyLink();
}
