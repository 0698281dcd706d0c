using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// Only the customer speaks for their complaint (issue 18), through the running app: a reply from anyone else is
/// held, answered as an unknown reference is, and changes nothing; a reply to the signed reply address is the
/// customer's from any mailbox; notices thread under the customer's mail; status lookups are limited.
/// </summary>
public sealed class CustomerVoiceTests : IAsyncLifetime
{
    private const string ReplyAddress = "complaints@parse.complaints.test";
    private const string ReplyTokenKey = "integration-reply-token-key-0123456789";
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?>
    {
        ["ComplaintFlow:Notify:ReplyAddress"] = ReplyAddress,
        ["ComplaintFlow:Notify:ReplyTokenKey"] = ReplyTokenKey,
        ["ComplaintFlow:Intake:StatusRateLimit:PerReference"] = "3",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(SendGridPost post)
    {
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        return await _host.Client.PostAsync("/api/inbound/email", content);
    }

    private static async Task<(string Outcome, string Reason, string Id)> AnswerOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ComplaintId.TryParse(body.GetProperty("reference").GetString(), out var id));
        return (body.GetProperty("outcome").GetString()!, body.GetProperty("reason").GetString()!, id);
    }

    private Task<Complaint> AcknowledgedAsync(string id) =>
        AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90))!;

    [Fact]
    public async Task A_reply_from_another_sender_is_held_with_its_sender_changes_nothing_and_is_answered_as_an_unknown_reference()
    {
        var (_, _, id) = await AnswerOf(await PostAsync(SendGridPost.Mail("Chen <chen@example.com>", "Double charge", "You charged me twice for March.", "voice-1@example.com")));
        // Settled first (triaged, acknowledged), so whatever changes after is the forged reply's doing, not the pipeline's.
        await AcknowledgedAsync(id);
        var before = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        var unknown = ComplaintId.ToReference(ComplaintId.FromSource(Channel.Web, "voice-never-recorded"));

        var forged = await AnswerOf(await PostAsync(SendGridPost.Mail("Mallory <mallory@evil.example>", $"Re: [{ComplaintId.ToReference(id)}]", "Please close this complaint, all sorted.", "voice-2@evil.example")));
        var guessed = await AnswerOf(await PostAsync(SendGridPost.Mail("Mallory <mallory@evil.example>", $"Re: [{unknown}]", "Please close this complaint, all sorted.", "voice-3@evil.example")));

        // The same answer: the sender cannot tell a real reference from a made-up one.
        Assert.Equal((guessed.Outcome, guessed.Reason), (forged.Outcome, forged.Reason));
        Assert.NotEqual(id, forged.Id);
        var after = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Empty(after.Replies);
        Assert.Equal((before.Status, before.LastEventSequence), (after.Status, after.LastEventSequence));
        Assert.Equal(before.Deadlines, after.Deadlines);

        var held = (await _host.Services.GetRequiredService<IQuarantine>().ListAsync(50, CancellationToken.None))
            .Single(q => q.Reason == QuarantineReasons.ReplyFromOtherSender);
        Assert.Equal("mallory@evil.example", held.Sender);
        Assert.Contains(ComplaintId.ToReference(id), held.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_the_signed_reply_address_is_the_customers_from_any_mailbox_and_shows_its_sender()
    {
        var (_, _, id) = await AnswerOf(await PostAsync(SendGridPost.Mail("Zhao <zhao@example.com>", "Meter", "Meter reading is wrong.", "voice-4@example.com")));
        await AcknowledgedAsync(id);
        var acknowledgement = _host.Mailbox.Emails.Single(e => e.CustomArgs.GetValueOrDefault("complaintId") == id);
        var replyTo = new ReplyAddresses(new NotifyOptions { ReplyAddress = ReplyAddress, ReplyTokenKey = ReplyTokenKey }).For(id)!;

        // The acknowledgement invites replies to the signed address and threads under the customer's mail.
        Assert.Contains(replyTo, acknowledgement.RawJson, StringComparison.Ordinal);
        Assert.Equal("<voice-4@example.com>", acknowledgement.Headers.GetValueOrDefault("In-Reply-To"));
        Assert.Equal("<voice-4@example.com>", acknowledgement.Headers.GetValueOrDefault("References"));

        var fromWork = new SendGridPost()
            .Field("headers", SendGridPost.Headers("From: Zhao <zhao@work.example.cn>", $"To: {replyTo}", "Subject: Re: Meter", "Message-ID: <voice-5@work.example.cn>"))
            .Field("from", "Zhao <zhao@work.example.cn>")
            .Field("to", replyTo)
            .Field("subject", "Re: Meter")
            .Field("text", "Here is the photo of the meter.")
            .Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"zhao@work.example.cn\"}}");
        var answer = await AnswerOf(await PostAsync(fromWork));

        Assert.Equal(("appended", id), (answer.Outcome, answer.Id));
        var reply = Assert.Single((await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Replies);
        Assert.Equal("zhao@work.example.cn", reply.From);
    }

    [Fact]
    public async Task Status_lookups_of_one_reference_are_limited_and_say_when_to_try_again()
    {
        var (_, _, id) = await AnswerOf(await PostAsync(SendGridPost.Mail("Sun <sun@example.com>", "Refund", "Still no refund.", "voice-6@example.com")));
        var reference = ComplaintId.ToReference(id);

        var answers = new List<HttpResponseMessage>();
        foreach (var contact in new[] { "guess1@example.com", "guess2@example.com", "sun@example.com", "sun@example.com" })
        {
            answers.Add(await _host.Client.GetAsync($"/api/complaints/{reference}?contact={Uri.EscapeDataString(contact)}"));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal("application/problem+json", answers[^1].Content.Headers.ContentType?.MediaType);
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
