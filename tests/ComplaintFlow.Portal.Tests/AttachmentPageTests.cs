using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// The customer's files and held mail in the browser: an agent opens an email's attachment from the complaint page
/// (a download under its own name, in English and in Chinese); a supervisor releases held list mail into a complaint in
/// English and discards another with a reason in Chinese, and reads both decisions on the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly byte[] Bill = Encoding.ASCII.GetBytes("%PDF-1.4 fake bill for March");
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_agent_opens_an_emails_attachment_as_a_download_in_English_and_Chinese()
    {
        var post = SendGridPost.Mail("Li Wei <li.wei@example.cn>", "账单有误", "我的三月账单金额翻倍了，请核实。", "attachment-page-1@mail.example.cn")
            .Field("attachments", "1")
            .Field("attachment-info", "{\"attachment1\":{\"filename\":\"三月账单.pdf\",\"type\":\"application/pdf\"}}")
            .File("attachment1", "三月账单.pdf", "application/pdf", Bill);
        var answer = await PostAsync(post);
        var reference = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.True(ComplaintId.TryParse(reference, out var id));
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "amy@desk.example", "agent");

        await page.GotoAsync($"/portal/complaint.html?id={id}");
        var link = page.Locator("#attachments a.attachment");
        await Expect(link).ToHaveTextAsync("三月账单.pdf");
        await AssertDownloadsAsync(page, link);
        await Axe.AssertCleanAsync(page, "complaint with an attachment, English");
        await PortalPages.ScreenshotAsync(page, "44-attachment-en");

        await page.ClickAsync("#desk-lang-zh-Hans");
        await Expect(page.Locator("#attachments-card h2")).ToHaveTextAsync("附件");
        await AssertDownloadsAsync(page, link);
        await Axe.AssertCleanAsync(page, "complaint with an attachment, Chinese");
        await PortalPages.ScreenshotAsync(page, "45-attachment-zh-Hans");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task A_supervisor_releases_held_mail_into_a_complaint_in_English_and_discards_other_held_mail_in_Chinese()
    {
        await PostAsync(SendGridPost.Mail("Li Wei <li.wei@example.cn>", "[业主群] 路灯又坏了", "高街的路灯已经坏了一个星期。", "held-page-1@lists.example.cn", "Precedence: list", "List-Id: <residents.lists.example.cn>"));
        await PostAsync(SendGridPost.Mail("Residents <news@lists.example.cn>", "[业主群] 周五开会", "周五晚上七点开业主大会。", "held-page-2@lists.example.cn", "Precedence: list", "List-Id: <residents.lists.example.cn>"));
        var errors = new List<string>();
        var page = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(page, "sam@desk.example", "supervisor");
        await page.GotoAsync("/portal/mail.html");

        var lights = page.Locator("#quarantined details.held-mail", new() { HasText = "路灯又坏了" });
        await lights.Locator("summary").ClickAsync();
        await lights.GetByRole(AriaRole.Button, new() { Name = "Release" }).ClickAsync();
        var opened = ComplaintId.ToReference(ComplaintId.FromSource(Channel.Email, "held-page-1@lists.example.cn"));
        await Expect(page.Locator("#banner")).ToHaveTextAsync($"Released into {opened}.");
        await Expect(lights.Locator(".decision")).ToContainTextAsync("Released by sam@desk.example");
        await Expect(lights.Locator(".decision a")).ToHaveTextAsync(opened);
        await Axe.AssertCleanAsync(page, "held mail released, English");
        await PortalPages.ScreenshotAsync(page, "46-held-mail-released-en");

        await page.ClickAsync("#desk-lang-zh-Hans");
        var meeting = page.Locator("#quarantined details.held-mail", new() { HasText = "周五开会" });
        await meeting.Locator("summary").ClickAsync();
        await meeting.GetByRole(AriaRole.Button, new() { Name = "丢弃" }).ClickAsync();
        await Expect(meeting.Locator("[data-error-for=reason]")).ToHaveTextAsync("请说明丢弃该邮件的原因。");
        await meeting.GetByLabel("丢弃原因").FillAsync("业主群通知，不是投诉。");
        await meeting.GetByRole(AriaRole.Button, new() { Name = "丢弃" }).ClickAsync();
        await Expect(meeting.Locator(".decision")).ToContainTextAsync("由 sam@desk.example 于");
        await Expect(meeting.Locator(".decision")).ToContainTextAsync("丢弃：业主群通知，不是投诉。");
        await Expect(page.Locator("#quarantined details.held-mail", new() { HasText = "路灯又坏了" }).Locator("summary")).ToContainTextAsync("已放行");
        await Axe.AssertCleanAsync(page, "held mail discarded, Chinese");
        await PortalPages.ScreenshotAsync(page, "47-held-mail-discarded-zh-Hans");

        await page.GotoAsync($"/portal/complaint.html?id={ComplaintId.FromSource(Channel.Email, "held-page-1@lists.example.cn")}");
        await Expect(page.Locator("#text")).ToHaveTextAsync("高街的路灯已经坏了一个星期。");
        var unexpected = errors.Where(e => !e.Contains("status of 400", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }

    private static async Task AssertDownloadsAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("三月账单.pdf", download.SuggestedFilename);
        Assert.Equal(Bill, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    private async Task<HttpResponseMessage> PostAsync(SendGridPost post)
    {
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        var response = await _host.Client.PostAsync("/api/inbound/email", content);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
