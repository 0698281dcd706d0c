using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>Only the customer speaks for their complaint: their own mailbox, or the signed reply address we issued.</summary>
public sealed class ReplyVerificationTests
{
    private const string Key = "a-reply-token-key-of-at-least-32-characters";
    private static readonly NotifyOptions Notify = new() { ReplyAddress = "complaints@parse.example.com", ReplyTokenKey = Key };
    private static readonly ReplyAddresses Addresses = new(Notify);
    private static readonly ReplyVerification Verification = new(Addresses);

    private static readonly Complaint Complaint = new()
    {
        Id = ComplaintId.FromSource(Channel.Email, "first@mail.example.com"),
        Channel = Channel.Email,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Contact = new ContactDetails { Email = "li.wei@gmail.com" },
        Text = "No service since Friday.",
        Language = "en",
        SourceMessageId = "first@mail.example.com",
    };

    private static InboundEmail Mail(string from, params string[] to) => new()
    {
        Mode = InboundEmailMode.Parsed,
        MessageId = "reply@mail.example.com",
        From = from,
        To = to.Length == 0 ? ["complaints@parse.example.com"] : to,
        Subject = $"Re: [{Complaint.Reference}] We have received your complaint",
        Body = "Still nothing.",
        ComplaintText = "Still nothing.",
        LoopSignals = new EmailLoopSignals(),
    };

    [Theory]
    [InlineData("li.wei@gmail.com")]
    [InlineData("Li.Wei@Gmail.com")]
    [InlineData("liwei@googlemail.com")]
    [InlineData("li.wei+complaints@gmail.com")]
    public void A_reply_from_the_contacts_own_mailbox_speaks_for_the_complaint(string from) =>
        Assert.True(Verification.SpeaksFor(Complaint, Mail(from)));

    [Theory]
    [InlineData("mallory@evil.example")]
    [InlineData("li.wei@gmail.com.evil.example")]
    [InlineData("li.wei@gmai1.com")]
    [InlineData("")]
    public void A_reply_from_anyone_else_does_not(string from) =>
        Assert.False(Verification.SpeaksFor(Complaint, Mail(from)));

    [Fact]
    public void A_reply_sent_to_the_complaints_signed_reply_address_speaks_for_it_from_another_mailbox()
    {
        var replyTo = Addresses.For(Complaint.Id)!;

        Assert.StartsWith("complaints+", replyTo, StringComparison.Ordinal);
        Assert.EndsWith("@parse.example.com", replyTo, StringComparison.Ordinal);
        Assert.True(Verification.SpeaksFor(Complaint, Mail("li.wei@work.example.cn", replyTo)));
        Assert.True(Verification.SpeaksFor(Complaint, Mail("li.wei@work.example.cn", "someone@example.com", replyTo.ToUpperInvariant())));
    }

    [Fact]
    public void A_forged_or_borrowed_token_does_not()
    {
        var other = ComplaintId.FromSource(Channel.Email, "other@mail.example.com");
        var replyTo = Addresses.For(Complaint.Id)!;
        var at = replyTo.IndexOf('@', StringComparison.Ordinal);
        var tampered = replyTo[..(at - 1)] + (replyTo[at - 1] == '0' ? '1' : '0') + replyTo[at..];
        var otherComplaintsToken = Addresses.For(other)!;
        var sameIdOtherKey = new ReplyAddresses(new NotifyOptions { ReplyAddress = Notify.ReplyAddress, ReplyTokenKey = Key + "-rotated" }).For(Complaint.Id)!;

        Assert.False(Verification.SpeaksFor(Complaint, Mail("mallory@evil.example", tampered)));
        Assert.False(Verification.SpeaksFor(Complaint, Mail("mallory@evil.example", otherComplaintsToken)));
        Assert.False(Verification.SpeaksFor(Complaint, Mail("mallory@evil.example", sameIdOtherKey)));
        Assert.False(Verification.SpeaksFor(Complaint, Mail("mallory@evil.example", $"complaints+{Complaint.Id.ToLowerInvariant()}@parse.example.com")));
    }

    [Fact]
    public void Without_a_reply_address_configured_no_token_is_issued_or_accepted()
    {
        var unconfigured = new ReplyAddresses(new NotifyOptions());

        Assert.Null(unconfigured.For(Complaint.Id));
        Assert.False(new ReplyVerification(unconfigured).SpeaksFor(Complaint, Mail("mallory@evil.example", Addresses.For(Complaint.Id)!)));
    }

    [Fact]
    public void A_mail_to_the_signed_reply_address_is_a_reply_to_its_complaint_without_any_reference()
    {
        var classifier = new InboundEmailClassifier(new InboundEmailOptions(), Notify);
        var mail = Mail("li.wei@work.example.cn", Addresses.For(Complaint.Id)!) with { Subject = "Photo of the meter" };

        var decision = classifier.Classify(mail);

        Assert.Equal((InboundEmailAction.Reply, InboundEmailReasons.ReplyAddress, Complaint.Id), (decision.Action, decision.Reason, decision.ComplaintId));
    }
}
