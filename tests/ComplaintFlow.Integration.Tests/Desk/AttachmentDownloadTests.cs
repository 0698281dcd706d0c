using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// Staff open a complaint's attachments through the app (Azurite behind it): desk roles only, always a download with
/// nosniff, the stored file checked against what the complaint recorded, and a file a browser would run served as
/// bytes, not as a page.
/// </summary>
public sealed class AttachmentDownloadTests : IAsyncLifetime
{
    private static readonly byte[] Bill = Encoding.ASCII.GetBytes("%PDF-1.4 fake bill");
    private static readonly byte[] Page = Encoding.ASCII.GetBytes("<html><script>alert(document.cookie)</script></html>");
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_agent_downloads_an_attachment_as_a_file_with_nosniff_and_its_recorded_type()
    {
        var complaint = await EmailWithAttachmentsAsync("download-1@mail.example.cn");
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        var response = await agent.GetAsync($"/api/portal/complaints/{complaint.Id}/attachments/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Bill, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal(("attachment", "账单.pdf"), (disposition.DispositionType, disposition.FileNameStar));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("sandbox", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_file_a_browser_would_run_is_served_as_bytes_to_download_never_as_a_page()
    {
        var complaint = await EmailWithAttachmentsAsync("download-2@mail.example.cn");
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");

        var response = await agent.GetAsync($"/api/portal/complaints/{complaint.Id}/attachments/2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", complaint.Attachments[1].ContentType);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Page, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Only_desk_staff_may_download_and_a_missing_attachment_is_404()
    {
        var complaint = await EmailWithAttachmentsAsync("download-3@mail.example.cn");
        var path = $"/api/portal/complaints/{complaint.Id}/attachments/1";
        using var anonymous = StaffSession.Anonymous(_host);
        using var noRole = await StaffSession.SignInAsync(_host, "visitor@desk.example");
        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await noRole.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(path)).StatusCode);
        var missing = await supervisor.GetAsync($"/api/portal/complaints/{complaint.Id}/attachments/3");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/portal/complaints/{complaint.Id}/attachments/0")).StatusCode);
    }

    [Fact]
    public async Task A_stored_file_that_is_not_the_one_recorded_is_not_served()
    {
        var complaint = await EmailWithAttachmentsAsync("download-4@mail.example.cn");
        using var agent = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var raw = _host.Services.GetRequiredService<IRawPayloadStore>();

        // Someone with storage access swaps the bill for a page of the same name.
        await raw.SaveAsync(complaint.Attachments[0].BlobName, Page, "text/html", CancellationToken.None);
        var response = await agent.GetAsync($"/api/portal/complaints/{complaint.Id}/attachments/1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain("alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<Complaint> EmailWithAttachmentsAsync(string messageId)
    {
        var post = SendGridPost.Mail("Li Wei <li.wei@example.cn>", "账单有误", "我的账单金额翻倍了，请核实。", messageId)
            .Field("attachments", "2")
            .Field("attachment-info", "{\"attachment1\":{\"filename\":\"账单.pdf\",\"type\":\"application/pdf\"},\"attachment2\":{\"filename\":\"page.html\",\"type\":\"text/html\"}}")
            .File("attachment1", "账单.pdf", "application/pdf", Bill)
            .File("attachment2", "page.html", "text/html", Page);
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        var response = await _host.Client.PostAsync("/api/inbound/email", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.True(ComplaintId.TryParse(reference, out var id));
        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal(2, complaint.Attachments.Count);
        return complaint;
    }
}
