using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>The Inbound Parse URL protected by a shared secret, and a GB2312 mail read in its own charset.</summary>
public sealed class InboundEmailGuardTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["ComplaintFlow:InboundEmail:WebhookKey"] = "s3cret-parse-key" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ByteArrayContent Gb2312Mail(string messageId)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb2312 = Encoding.GetEncoding("GB2312");
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers("From: =?GB2312?B?wO7ewA==?= <li@example.cn>", "Subject: =?GB2312?B?zaO158HL?=", $"Message-ID: <{messageId}>"))
            .Field("from", "李伟 <li@example.cn>", gb2312)
            .Field("to", "complaints@complaintflow.local")
            .Field("subject", "停电了", gb2312)
            .Field("text", "小区从昨晚起停电，至今没有人来修。", gb2312)
            .Field("charsets", "{\"to\":\"UTF-8\",\"from\":\"GB2312\",\"subject\":\"GB2312\",\"text\":\"GB2312\"}")
            .Field("envelope", "{\"to\":[\"complaints@complaintflow.local\"],\"from\":\"li@example.cn\"}");
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        return content;
    }

    [Fact]
    public async Task Post_without_the_shared_secret_is_refused_and_records_nothing()
    {
        var response = await _host.Client.PostAsync("/api/inbound/email?key=guess", Gb2312Mail("guard-1@example.cn"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "guard-1@example.cn"), CancellationToken.None));
    }

    [Fact]
    public async Task GB2312_mail_with_the_shared_secret_opens_a_complaint_in_readable_Chinese()
    {
        var response = await _host.Client.PostAsync("/api/inbound/email?key=s3cret-parse-key", Gb2312Mail("guard-2@example.cn"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("created", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var complaint = (await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "guard-2@example.cn"), CancellationToken.None))!.Complaint;
        Assert.Equal(("停电了", "小区从昨晚起停电，至今没有人来修。", "zh-Hans"), (complaint.Subject, complaint.Text, complaint.Language));
    }
}
