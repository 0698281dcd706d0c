using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Script and markup a customer writes, by the web form and by email, are shown as the text they are on every page
/// that shows them (queues, complaint page, timeline and notes, dashboard, the public status and confirmation pages)
/// and never run: each payload would set <c>window.__pwned</c> or open a dialog.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileTextTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Name = "Li \"><img src=x onerror=\"window.__pwned='name'\">";
    private const string Subject = "</textarea><script>window.__pwned='subject'</script>' onmouseover='window.__pwned=1";
    private const string Text = "<script>window.__pwned='text';alert(1)</script><img src=x onerror=\"window.__pwned='img'\">"
        + " <a href=\"javascript:window.__pwned='link'\">my bill</a> </textarea>\" autofocus onfocus=\"window.__pwned='attr'\" My refund is late.";

    private const string Note = "<svg onload=\"window.__pwned='note'\"></svg><iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe> called back";

    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Script_in_complaints_from_the_form_and_by_email_is_shown_as_text_and_never_runs()
    {
        var dialogs = new List<string>();
        var customer = await NewPageAsync(dialogs);
        await customer.GotoAsync("/");
        await customer.ClickAsync("button[data-lang=en]");
        await customer.FillAsync("#name", Name);
        await customer.FillAsync("#email", "li.wei@example.com");
        await customer.FillAsync("#subject", Subject);
        await customer.FillAsync("#text", Text);
        await customer.ClickAsync("#submit");
        await customer.WaitForURLAsync("**/submitted?reference=*");
        var webReference = (await customer.Locator("#reference").TextContentAsync())!;
        await AssertNothingRanAsync(customer, dialogs);

        var emailReference = await EmailAsync();

        var agent = await NewPageAsync(dialogs);
        await PortalPages.SignInAsync(agent, "amy@desk.example", "agent");
        foreach (var reference in new[] { webReference, emailReference })
        {
            var row = await PortalPages.FindInListAsync(agent, "unassigned", reference);
            await AssertNothingRanAsync(agent, dialogs);
            await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
            await Expect(agent.Locator("#text")).ToHaveTextAsync(Text);
            await Expect(agent.Locator("#subject")).ToHaveTextAsync(Subject);
            await Expect(agent.Locator("#facts")).ToContainTextAsync(Name);
            await agent.FillAsync("#note-text", Note);
            await agent.ClickAsync("#note-form button[type=submit]");
            await Expect(agent.Locator("#timeline li[data-type=note]")).ToContainTextAsync(Note);
            await agent.ReloadAsync();
            await Expect(agent.Locator("#timeline li[data-type=note]")).ToContainTextAsync(Note);
            Assert.Equal(0, await agent.Locator("main script, main img, main svg, main iframe, main a[href^='javascript']").CountAsync());
            await AssertNothingRanAsync(agent, dialogs);
        }

        await PortalPages.ScreenshotAsync(agent, "11-hostile-text");
        await agent.GotoAsync("/portal/dashboard.html");
        await Expect(agent.Locator("#summary")).ToContainTextAsync("complaint(s) received");
        await AssertNothingRanAsync(agent, dialogs);

        await customer.GotoAsync($"/status?reference={Uri.EscapeDataString(webReference)}");
        await customer.FillAsync("#contact", "li.wei@example.com");
        await customer.ClickAsync("#status-form button[type=submit]");
        await Expect(customer.Locator("#status-result")).ToContainTextAsync(webReference);
        foreach (var path in new[] { "/status?reference=", "/submitted?reference=" })
        {
            await customer.GotoAsync(path + Uri.EscapeDataString(Text));
            await AssertNothingRanAsync(customer, dialogs);
        }

        await Expect(customer.Locator("#reference")).ToHaveTextAsync(Text);
        await AssertNothingRanAsync(customer, dialogs);
    }

    /// <summary>Posts a SendGrid Inbound Parse mail whose sender name, subject and text carry the payloads.</summary>
    private async Task<string> EmailAsync()
    {
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers($"Message-ID: <hostile.{Guid.NewGuid():N}@mail.example.cn>", "Subject: x"))
            .Field("from", $"\"{Name.Replace("\"", "\\\"", StringComparison.Ordinal)}\" <li.wei@example.com>")
            .Field("to", "complaints@complaints.test")
            .Field("subject", Subject)
            .Field("text", Text)
            .Field("charsets", "{\"from\":\"UTF-8\",\"subject\":\"UTF-8\",\"text\":\"UTF-8\"}");
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", post.ContentType);
        var response = await _host.Client.PostAsync("/api/inbound/email", content);
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("created", accepted.GetProperty("outcome").GetString());
        return accepted.GetProperty("reference").GetString()!;
    }

    private async Task<IPage> NewPageAsync(List<string> dialogs)
    {
        var page = await PortalPages.NewPageAsync(browser, _host);
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add($"{dialog.Type}: {dialog.Message} on {page.Url}");
            await dialog.DismissAsync();
        };
        return page;
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs)
    {
        // Give an onerror or onload handler the moment it would need to fire.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned === undefined ? null : String(window.__pwned)"));
        Assert.Empty(dialogs);
    }
}
