using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>A notice answers the customer's own mail, so their client threads it; and invites replies to the signed address.</summary>
public sealed class NoticeThreadingTests
{
    private readonly NoticeFixtures _f = new();

    private Complaint EmailComplaint(params CustomerReply[] replies)
    {
        var owed = _f.Owed(NotificationChannel.Email);
        var complaint = owed with { Channel = Channel.Email, SourceMessageId = "CAF=first@mail.example.com", Replies = replies };
        _f.Complaints.Add(complaint);
        return complaint;
    }

    private static CustomerReply Reply(string messageId, Channel channel = Channel.Email) => new()
    {
        MessageId = messageId,
        Channel = channel,
        ReceivedAt = NoticeFixtures.Received.AddMinutes(5),
        Text = "More detail.",
    };

    private async Task<EmailMessage> SentFor(Complaint complaint, NotifyOptions? options = null)
    {
        await _f.Notify(options: options).HandleAsync(new NotificationMessage(complaint.Id, complaint.Notifications[0].Id), CancellationToken.None);
        return Assert.Single(_f.Email.Sent);
    }

    [Fact]
    public async Task The_acknowledgement_of_an_email_complaint_answers_the_customers_mail()
    {
        var sent = await SentFor(EmailComplaint());

        Assert.Equal("<CAF=first@mail.example.com>", sent.InReplyTo);
        Assert.Equal("<CAF=first@mail.example.com>", sent.References);
    }

    [Fact]
    public async Task After_email_replies_a_notice_answers_the_latest_and_references_them_all()
    {
        // A reused Message-ID is stored as {id}#{hash}; the header names the mail's own id.
        var sent = await SentFor(EmailComplaint(Reply("second@mail.example.com"), Reply("SM123", Channel.Sms), Reply("third@mail.example.com#ab12")));

        Assert.Equal("<third@mail.example.com>", sent.InReplyTo);
        Assert.Equal("<CAF=first@mail.example.com> <second@mail.example.com> <third@mail.example.com>", sent.References);
    }

    [Fact]
    public async Task A_web_form_complaint_has_no_mail_to_answer()
    {
        var sent = await SentFor(_f.Owed(NotificationChannel.Email));

        Assert.Null(sent.InReplyTo);
        Assert.Null(sent.References);
    }

    [Fact]
    public async Task With_a_reply_address_configured_customer_notices_invite_replies_to_the_complaints_signed_address()
    {
        var options = new NotifyOptions { ReplyAddress = "complaints@parse.example.com", ReplyTokenKey = "a-reply-token-key-of-at-least-32-characters" };
        var complaint = EmailComplaint();

        var sent = await SentFor(complaint, options);

        Assert.Equal(new ReplyAddresses(options).For(complaint.Id), sent.ReplyTo);
        Assert.True(new ReplyAddresses(options).AnyIssuedFor(complaint.Id, [sent.ReplyTo!]));
    }
}
