using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary><c>POST /api/inbound/email</c> through the running app, with posts composed as SendGrid Inbound Parse sends them.</summary>
public sealed class InboundEmailTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(SendGridPost post)
    {
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        return await _host.Client.PostAsync("/api/inbound/email", content);
    }

    private async Task<Complaint> AcknowledgedAsync(string id) =>
        (await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90)))!;

    private static async Task<string> ComplaintIdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.True(ComplaintId.TryParse(reference, out var id));
        return id;
    }

    [Fact]
    public async Task Attachment_with_a_non_ascii_content_type_is_kept_and_the_complaint_opened()
    {
        // Found by the fuzz test: the declared type went into a blob header, which must be ASCII: a 500.
        var post = SendGridPost.Mail("Li Wei <li.wei@example.cn>", "Bill", "My bill is wrong.", "non-ascii-type@mail.example.cn")
            .Field("attachment-info", "{\"attachment1\":{\"filename\":\"bill.pdf\",\"type\":\"应用/pdf\"}}")
            .File("attachment1", "bill.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4 fake bill"));

        var response = await PostAsync(post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var complaint = (await _host.Complaints.FindAsync(await ComplaintIdOf(response), CancellationToken.None))!.Complaint;
        Assert.Equal(18L, Assert.Single(complaint.Attachments).Size);
    }

    [Fact]
    public async Task Email_opens_a_complaint_with_its_attachment_and_gets_exactly_one_acknowledgement()
    {
        var post = SendGridPost.Mail("Li Wei <li.wei@example.cn>", "宽带断网三天", "我家宽带从周一起断网三天，客服电话一直打不通。\n\n-- \n李伟", "first-1@mail.example.cn")
            .Field("attachments", "1")
            .Field("attachment-info", "{\"attachment1\":{\"filename\":\"bill.pdf\",\"name\":\"bill.pdf\",\"type\":\"application/pdf\"}}")
            .File("attachment1", "bill.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4 fake bill"));

        var id = await ComplaintIdOf(await PostAsync(post));
        var again = await PostAsync(post);

        var complaint = await AcknowledgedAsync(id);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((Channel.Email, "li.wei@example.cn", "宽带断网三天"), (complaint.Channel, complaint.Contact.Email, complaint.Subject));
        Assert.Equal("我家宽带从周一起断网三天，客服电话一直打不通。", complaint.Text);
        Assert.NotNull(complaint.RawPayload);
        var attachment = Assert.Single(complaint.Attachments);
        Assert.Equal(("bill.pdf", "application/pdf", 18L), (attachment.Name, attachment.ContentType, attachment.Size));

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_host.Mailbox.Emails, e => e.To.Contains("li.wei@example.cn"));
    }

    [Fact]
    public async Task Reply_carrying_the_reference_appends_once_and_resumes_a_complaint_waiting_on_the_customer()
    {
        var id = await ComplaintIdOf(await PostAsync(SendGridPost.Mail("Chen <chen@example.com>", "Double charge", "You charged me twice for March.", "first-2@example.com")));
        await AcknowledgedAsync(id);
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "wait", new { reason = "Asked for the invoice number." })).StatusCode);

        var reply = SendGridPost.Mail("Chen <chen@example.com>", $"Re: Your complaint [{ComplaintId.ToReference(id)}]",
            "The invoice is INV-2231.\n\nOn Mon, 2 Mar 2026 at 10:00, ComplaintFlow <complaints@complaintflow.local> wrote:\n> We received your complaint", "reply-2@example.com");
        var first = await PostAsync(reply);
        var replayed = await PostAsync(reply);

        Assert.Equal("appended", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
        Assert.Equal("The invoice is INV-2231.", Assert.Single(complaint.Replies).Text);
        Assert.DoesNotContain(complaint.Deadlines, d => d.PausedAt is not null);
        var history = await _host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        Assert.Single(history, e => e.Type == EventTypes.CustomerReply);
        Assert.Contains(history, e => e.Type == EventTypes.Resumed && e.Actor == Actors.Customer);
    }

    [Fact]
    public async Task A_Message_ID_reused_for_other_content_is_a_new_message_and_each_redelivery_a_duplicate()
    {
        var first = SendGridPost.Mail("Pat Lee <pat@example.com>", "Bill", "I was charged twice in March.", "reused-1@mailer.example");
        var other = SendGridPost.Mail("Sam Roe <sam@example.com>", "Outage", "No broadband since Sunday.", "reused-1@mailer.example");

        var answers = new List<JsonElement>();
        foreach (var post in new[] { first, first, other, other })
        {
            answers.Add(await (await PostAsync(post)).Content.ReadFromJsonAsync<JsonElement>());
        }

        var outcomes = answers.Select(a => a.GetProperty("outcome").GetString()).ToList();
        var ids = answers.Select(a => ComplaintId.TryParse(a.GetProperty("reference").GetString()!, out var id) ? id : null).ToList();
        Assert.Equal(["created", "duplicate", "created", "duplicate"], outcomes);
        Assert.Equal(ComplaintId.FromSource(Channel.Email, "reused-1@mailer.example"), ids[0]);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.Equal(ids[2], ids[3]);
        var reusedId = ids[2]!;
        Assert.Equal("No broadband since Sunday.", (await _host.Complaints.FindAsync(reusedId, CancellationToken.None))!.Complaint.Text);
    }

    [Fact]
    public async Task Every_machine_fixture_is_answered_200_ignored_and_opens_no_complaint()
    {
        foreach (var fixture in EmailFixtures.Files("Machine"))
        {
            var response = await PostAsync(EmailFixtures.Raw(EmailFixtures.Read(fixture)));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{fixture}: {(int)response.StatusCode}");
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("ignored", fixture.Split('/')[1]), (answer.GetProperty("outcome").GetString(), answer.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public async Task Reply_to_a_notice_by_Message_ID_threads_without_a_reference_in_the_subject()
    {
        var id = await ComplaintIdOf(await PostAsync(SendGridPost.Mail("Zhao <zhao@example.com>", "Meter", "Meter reading is wrong.", "first-3@example.com")));
        var notice = $"{id}-acknowledgement-email-1@complaintflow.local";

        var response = await PostAsync(SendGridPost.Mail("Zhao <zhao@example.com>", "Re: meter", "Photo of the meter attached later.", "reply-3@example.com",
            $"In-Reply-To: <{notice}>", $"References: <{notice}>"));

        Assert.Equal(id, await ComplaintIdOf(response));
        Assert.Single((await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Replies);
    }

    [Fact]
    public async Task Reply_naming_an_unknown_reference_opens_a_new_complaint()
    {
        var unknown = ComplaintId.FromSource(Channel.Web, "never-recorded");

        var response = await PostAsync(SendGridPost.Mail("Sun <sun@example.com>", $"Re: [{ComplaintId.ToReference(unknown)}]", "Still no refund.", "reply-4@example.com"));

        var id = await ComplaintIdOf(response);
        Assert.NotEqual(unknown, id);
        Assert.Null(await _host.Complaints.FindAsync(unknown, CancellationToken.None));
        Assert.Equal("Still no refund.", (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Text);
    }

    [Fact]
    public async Task Auto_replies_and_bounces_create_no_complaint_and_no_acknowledgement()
    {
        var autoReply = SendGridPost.Mail("Out Of Office <ooo@example.com>", "Automatic reply: We received your complaint", "I am away until Monday.", "ooo-5@example.com",
            "Auto-Submitted: auto-replied", "X-Autoreply: yes");
        var bounce = new SendGridPost().Field("email", string.Join("\r\n",
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
            "To: complaints@complaintflow.local",
            "Subject: Undelivered Mail Returned to Sender",
            "Message-ID: <bounce-5@mx.example.net>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain",
            "",
            "This is the mail system at host mx.example.net. Your message could not be delivered.",
            "--b1",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.net",
            "",
            "Final-Recipient: rfc822; nobody@example.net",
            "Action: failed",
            "Status: 5.1.1",
            "--b1--",
            ""))
            .Field("envelope", "{\"to\":[\"complaints@complaintflow.local\"],\"from\":\"\"}");

        var responses = new[] { await PostAsync(autoReply), await PostAsync(bounce) };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        }

        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "ooo-5@example.com"), CancellationToken.None));
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "bounce-5@mx.example.net"), CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(_host.Mailbox.Emails, e => e.To.Contains("ooo@example.com") || e.To.Any(t => t.Contains("mailer-daemon", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Spam_is_answered_2xx_and_held_in_quarantine_that_only_supervisors_see()
    {
        var spam = SendGridPost.Mail("Prize <winner@lottery.example>", "You won", "Claim your prize now.", "spam-6@lottery.example").Field("spam_score", "9.7");

        var response = await PostAsync(spam);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarantined", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Null(await _host.Complaints.FindAsync(ComplaintId.FromSource(Channel.Email, "spam-6@lottery.example"), CancellationToken.None));
        using var boss = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var listed = await boss.GetAsync("/api/portal/quarantine");
        var items = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("reason").GetString() == "spam-score" && i.GetProperty("channel").GetString() == "email");
        Assert.Equal(HttpStatusCode.Forbidden, (await amy.GetAsync("/api/portal/quarantine")).StatusCode);
    }

    [Fact]
    public async Task Malformed_multipart_is_refused_with_a_problem_naming_the_part_at_fault()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("this is not multipart at all"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xYzZY");

        var response = await _host.Client.PostAsync("/api/inbound/email", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("body", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Post_without_the_from_field_is_readable_so_it_is_quarantined_not_refused()
    {
        var post = new SendGridPost().Field("to", "complaints@complaintflow.local").Field("subject", "Hello").Field("text", "No sender here.");

        var response = await PostAsync(post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("quarantined", answer.GetProperty("outcome").GetString());
        Assert.Equal("no-sender", answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Body_over_thirty_megabytes_is_refused_with_413()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email")
        {
            Content = new ByteArrayContent(new byte[(30 * 1024 * 1024) + 1]),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xYzZY");
        // As SendGrid's MTA-side client would: the body is not sent once the server has answered.
        request.Headers.ExpectContinue = true;

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
