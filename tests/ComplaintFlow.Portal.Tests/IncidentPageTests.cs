using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// An incident in the browser (issue 19): a supervisor opens it on the incidents page; triage links the complaints
/// that name its area and an agent, reading the desk in Chinese, links one more from the complaint page; a Chinese
/// supervisor posts an update and each linked customer gets exactly one message, in their language, in the fakes'
/// outbox; resolving the incident resolves each linked complaint with its own letter.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_incident_gathers_complaints_its_update_reaches_each_linked_customer_once_and_resolving_it_resolves_each()
    {
        var errors = new List<string>();
        var sam = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(sam, "sam@desk.example", "supervisor");
        await sam.GotoAsync("/portal/incidents.html");
        await sam.SelectOptionAsync("#open-area", "kowloon-tong");
        await sam.SelectOptionAsync("#open-category", "outage");
        await sam.FillAsync("#open-starts", DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await sam.FillAsync("#open-en", "A cable fault cut power in Kowloon Tong; engineers are on site.");
        await sam.FillAsync("#open-zh", "九龙塘电缆故障导致停电，工程人员已到场抢修。");
        await sam.ClickAsync("#open-incident");
        await sam.WaitForURLAsync(url => url.Contains("?id=", StringComparison.Ordinal));
        var incidentId = new Uri(sam.Url).Query.Split("id=")[1];
        await Expect(sam.Locator("#detail-title")).ToContainTextAsync(incidentId);
        await Expect(sam.Locator($"#incidents tbody tr[data-id='{incidentId}']")).ToContainTextAsync("Kowloon Tong");
        await Axe.AssertCleanAsync(sam, "incidents page, English");
        await PortalPages.ScreenshotAsync(sam, "70-incident-opened-en");

        // Triage reads the open incidents at most every 5 seconds.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var english = await SubmitAsync("Power cut in Kowloon Tong since this morning, the lift is stuck.", "en", "amy.chan@example.com", "incident-page-1");
        var chinese = await SubmitAsync("九龙塘停电了，家里冰箱的东西都要坏了。", "zh-Hans", "wang.fang@example.com", "incident-page-2");
        var unnamed = await SubmitAsync("Power cut at our flat since this morning.", "en", "lee.ming@example.com", "incident-page-3");
        foreach (var id in new[] { english, chinese, unnamed })
        {
            await AppHost.EventuallyAsync(() => ComplaintAsync(id), c => c?.AcknowledgedAt is not null, "triage and acknowledgement", TimeSpan.FromSeconds(90));
        }

        Assert.Equal(incidentId, (await ComplaintAsync(english))!.IncidentId);
        Assert.Equal(incidentId, (await ComplaintAsync(chinese))!.IncidentId);
        Assert.Null((await ComplaintAsync(unnamed))!.IncidentId);
        var acknowledgement = Assert.Single(EmailsOf(chinese), e => e.CustomArgs["notificationId"].Contains("-acknowledgement-", StringComparison.Ordinal));
        Assert.Contains("我们已经知悉", acknowledgement.Text, StringComparison.Ordinal);

        // An agent reading the desk in Chinese links the third from its complaint page.
        var amy = await PortalPages.NewPageAsync(browser, _host, errors, locale: "zh-CN");
        await PortalPages.SignInAsync(amy, "amy@desk.example", "agent");
        await amy.GotoAsync($"/portal/complaint.html?id={unnamed}");
        await Expect(amy.Locator("#incident-card h2")).ToHaveTextAsync("事件");
        await amy.SelectOptionAsync("#incident-choice", incidentId);
        await amy.ClickAsync("#incident-link-button");
        await Expect(amy.Locator("#incident-linked")).ToContainTextAsync($"已关联事件 {incidentId}");
        await Expect(amy.Locator("#timeline li[data-type=incident-linked]")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(amy, "complaint linked to an incident, Chinese");
        await PortalPages.ScreenshotAsync(amy, "71-complaint-incident-zh-Hans");

        // A supervisor reading the desk in Chinese posts an update to everyone linked.
        var wei = await PortalPages.NewPageAsync(browser, _host, errors, locale: "zh-CN");
        await PortalPages.SignInAsync(wei, "wei@desk.example", "supervisor");
        await wei.GotoAsync($"/portal/incidents.html?id={incidentId}");
        await Expect(wei.Locator("#detail-linked")).ToHaveTextAsync("3");
        await Expect(wei.Locator("#update-form h3")).ToHaveTextAsync("向所有关联客户发布进展");
        await wei.FillAsync("#update-en", "Power is expected back by 2pm.");
        await wei.FillAsync("#update-zh", "预计下午两点前恢复供电。");
        await wei.ClickAsync("#post-update");
        await Expect(wei.Locator("#updates li")).ToHaveCountAsync(1);
        await Expect(wei.Locator("#banner")).ToContainTextAsync("已发布进展");
        await Axe.AssertCleanAsync(wei, "incident page with an update, Chinese");
        await PortalPages.ScreenshotAsync(wei, "72-incident-update-zh-Hans");

        var linked = new[] { (english, "Power is expected back by 2pm."), (chinese, "预计下午两点前恢复供电。"), (unnamed, "Power is expected back by 2pm.") };
        await AppHost.EventuallyAsync(
            () => Task.FromResult<int?>(linked.Count(l => UpdatesOf(l.Item1).Count == 1)),
            n => n == linked.Length, "one update email per linked customer", TimeSpan.FromSeconds(90));
        // Exactly one: nothing more arrives after a while (a redelivered fan-out or notice sends no second message).
        await Task.Delay(TimeSpan.FromSeconds(5));
        foreach (var (id, words) in linked)
        {
            Assert.Contains(words, Assert.Single(UpdatesOf(id)).Text, StringComparison.Ordinal);
        }

        // The English supervisor resolves it: each linked complaint gets its own resolution and letter.
        await sam.GotoAsync($"/portal/incidents.html?id={incidentId}");
        await sam.FillAsync("#resolve-en", "The damaged cable was replaced and power was restored at 12:40.");
        await sam.FillAsync("#resolve-zh", "受损电缆已更换，已于 12:40 恢复供电。");
        await sam.SelectOptionAsync("#resolve-root-cause", "third-party");
        await sam.ClickAsync("#resolve-incident");
        await Expect(sam.Locator("#detail-status")).ToHaveTextAsync("Resolved");
        await Expect(sam.Locator("#resolve-form")).ToBeHiddenAsync();
        await PortalPages.ScreenshotAsync(sam, "73-incident-resolved-en");

        foreach (var (id, words) in new[] { (english, "power was restored at 12:40"), (chinese, "已于 12:40 恢复供电"), (unnamed, "power was restored at 12:40") })
        {
            var resolved = await AppHost.EventuallyAsync(() => ComplaintAsync(id), c => c?.Status == ComplaintStatus.Resolved, "the linked complaint resolved", TimeSpan.FromSeconds(90));
            Assert.Contains(words, resolved!.Resolution!.Text, StringComparison.Ordinal);
            var letters = await AppHost.EventuallyAsync(
                () => Task.FromResult<IReadOnlyList<ReceivedEmail>?>([.. EmailsOf(id).Where(e => e.CustomArgs["notificationId"].Contains("-resolution-", StringComparison.Ordinal))]),
                l => l?.Count > 0, "the resolution letter", TimeSpan.FromSeconds(90));
            Assert.Contains(words, Assert.Single(letters).Text, StringComparison.Ordinal);
        }

        await amy.GotoAsync($"/portal/complaint.html?id={chinese}");
        await Expect(amy.Locator("#title")).ToContainTextAsync("已解决");
        await PortalPages.ScreenshotAsync(amy, "74-incident-resolved-complaint-zh-Hans");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private async Task<string> SubmitAsync(string text, string language, string email, string key)
    {
        var accepted = await (await _host.SubmitAsync(new { email, text, language }, key)).Content.ReadFromJsonAsync<JsonElement>();
        return accepted.GetProperty("id").GetString()!;
    }

    private async Task<Complaint?> ComplaintAsync(string id) => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint;

    private List<ReceivedEmail> EmailsOf(string id) => [.. _host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == id)];

    private List<ReceivedEmail> UpdatesOf(string id) => [.. EmailsOf(id).Where(e => e.CustomArgs.GetValueOrDefault("notificationId", "").Contains("-incident-", StringComparison.Ordinal))];
}
