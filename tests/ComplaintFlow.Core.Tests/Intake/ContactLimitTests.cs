using System.Net;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>Limits count the mailbox an address reaches, not its spelling, and a mail's attachments before any is stored.</summary>
public sealed class ContactLimitTests
{
    [Theory]
    [InlineData("victim@example.com", "victim@example.com")]
    [InlineData("Victim+1@Example.com", "victim@example.com")]
    [InlineData("v.i.c.t.i.m+x@gmail.com", "victim@gmail.com")]
    [InlineData("VICTIM@googlemail.com", "victim@gmail.com")]
    [InlineData("first.last@example.com", "first.last@example.com")]
    public void An_address_is_counted_as_the_mailbox_it_reaches(string typed, string mailbox) =>
        Assert.Equal(mailbox, ContactEmail.Canonical(typed));

    [Theory]
    [InlineData("victim+1@example.com")]
    [InlineData("VICTIM@example.com")]
    [InlineData("victim+spam@example.com")]
    public void Plus_tags_and_case_do_not_buy_another_complaint_per_window(string second)
    {
        using var limiter = new SubmissionRateLimiter(new IntakeRateLimitOptions { PerIp = 100, PerContact = 1 });

        Assert.Null(limiter.TryAcquire(IPAddress.Parse("192.0.2.1"), new ContactDetails { Email = "victim@example.com" }));
        Assert.NotNull(limiter.TryAcquire(IPAddress.Parse("192.0.2.2"), new ContactDetails { Email = second.ToLowerInvariant() }));
    }

    [Fact]
    public void Dots_count_only_where_the_provider_ignores_them()
    {
        using var limiter = new SubmissionRateLimiter(new IntakeRateLimitOptions { PerIp = 100, PerContact = 1 });

        Assert.Null(limiter.TryAcquire(null, new ContactDetails { Email = "victim@gmail.com" }));
        Assert.NotNull(limiter.TryAcquire(null, new ContactDetails { Email = "v.ictim@googlemail.com" }));
        Assert.Null(limiter.TryAcquire(null, new ContactDetails { Email = "first.last@example.com" }));
        Assert.Null(limiter.TryAcquire(null, new ContactDetails { Email = "firstlast@example.com" }));
    }

    private static InboundEmail MailWith(int count, int size) => new()
    {
        Mode = InboundEmailMode.Parsed,
        MessageId = "many@mail.example.com",
        From = "pat@example.com",
        Subject = "Photos of the damage",
        Body = "See attached.",
        ComplaintText = "See attached.",
        Attachments = [.. Enumerable.Range(1, count).Select(i => new EmailAttachment($"photo{i}.jpg", "image/jpeg", new byte[size]))],
        LoopSignals = new EmailLoopSignals(),
    };

    [Theory]
    [InlineData(200, 10, InboundEmailAction.Quarantine)]
    [InlineData(4, 1_000, InboundEmailAction.Quarantine)]
    [InlineData(3, 1_000, InboundEmailAction.NewComplaint)]
    [InlineData(0, 0, InboundEmailAction.NewComplaint)]
    public void A_mail_over_the_attachment_count_or_size_limit_is_held_for_staff(int count, int size, InboundEmailAction expected)
    {
        var classifier = new InboundEmailClassifier(new InboundEmailOptions { MaxAttachments = 3, MaxAttachmentBytes = 3_000 }, new NotifyOptions());

        var decision = classifier.Classify(MailWith(count, size));

        Assert.Equal(expected, decision.Action);
        Assert.Equal(expected == InboundEmailAction.Quarantine ? InboundEmailReasons.AttachmentsOverLimit : InboundEmailReasons.New, decision.Reason);
    }
}
