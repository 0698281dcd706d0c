using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class InboundEmailClassifierTests
{
    private static readonly string ComplaintIdValue = ComplaintId.FromSource(Channel.Email, "first@example.com");
    private static readonly string Reference = ComplaintId.ToReference(ComplaintIdValue);
    private static readonly InboundEmailParser Parser = new();

    private static readonly InboundEmailClassifier Classifier = new(
        new InboundEmailOptions { SpamScoreThreshold = 5.0, OwnAddresses = ["noreply@complaintflow.local"] },
        new NotifyOptions { FromEmail = "complaints@complaintflow.local", MessageIdDomain = "complaintflow.local" });

    private static InboundEmailDecision Classify(SendGridPost post) => Classifier.Classify(Parser.Parse(post.Bytes(), post.ContentType));

    private static SendGridPost Mail(string subject = "Broadband down", string text = "No service since Friday.", string from = "pat@example.com", params string[] headers) =>
        new SendGridPost()
            .Field("headers", SendGridPost.Headers([$"From: {from}", $"Subject: {subject}", .. headers]))
            .Field("from", from)
            .Field("subject", subject)
            .Field("text", text);

    [Fact]
    public void An_ordinary_mail_opens_a_new_complaint() =>
        Assert.Equal(new InboundEmailDecision(InboundEmailAction.NewComplaint, InboundEmailReasons.New), Classify(Mail()));

    [Fact]
    public void A_reply_carrying_the_reference_in_its_subject_appends_to_that_complaint()
    {
        var decision = Classify(Mail(subject: $"回复：[{Reference}] 我们已收到您的投诉"));

        Assert.Equal(InboundEmailAction.Reply, decision.Action);
        Assert.Equal(InboundEmailReasons.ReferenceInSubject, decision.Reason);
        Assert.Equal(ComplaintIdValue, decision.ComplaintId);
    }

    [Fact]
    public void A_reference_typed_by_hand_in_lower_case_without_brackets_is_found()
    {
        var decision = Classify(Mail(subject: $"about {Reference.ToLowerInvariant()} again"));

        Assert.Equal(ComplaintIdValue, decision.ComplaintId);
    }

    [Fact]
    public void A_reply_whose_In_Reply_To_names_our_notice_appends_to_its_complaint()
    {
        var notice = Notification.IdFor(ComplaintIdValue, NotificationKind.Acknowledgement, NotificationChannel.Email, 1);

        var decision = Classify(Mail(subject: "Re: your message", headers: $"In-Reply-To: <{notice}@complaintflow.local>"));

        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Reply, InboundEmailReasons.ReplyToNotice) { ComplaintId = ComplaintIdValue }, decision);
    }

    [Fact]
    public void A_reply_to_someone_elses_message_id_is_not_threaded()
    {
        var decision = Classify(Mail(subject: "Re: hello", headers: $"In-Reply-To: <{ComplaintIdValue}-acknowledgement-email-1@elsewhere.example>"));

        Assert.Equal(InboundEmailAction.NewComplaint, decision.Action);
    }

    [Fact]
    public void A_reference_only_in_the_quoted_body_still_threads_the_reply()
    {
        var decision = Classify(Mail(subject: "Re:", text: $"Still broken.\n\nOn Mon, 2 Mar 2026, ComplaintFlow wrote:\n> Your reference is {Reference}."));

        Assert.Equal(InboundEmailReasons.ReferenceInBody, decision.Reason);
        Assert.Equal(ComplaintIdValue, decision.ComplaintId);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied")]
    [InlineData("X-Autoreply: yes")]
    [InlineData("Precedence: bulk")]
    [InlineData("Precedence: junk")]
    public void Auto_replies_are_ignored_even_when_they_quote_a_reference(string header)
    {
        var decision = Classify(Mail(subject: $"Automatic reply: [{Reference}] We received your complaint", headers: header));

        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Ignore, InboundEmailReasons.AutoReply), decision);
    }

    [Fact]
    public void Auto_Submitted_no_is_a_person_writing()
    {
        Assert.Equal(InboundEmailAction.NewComplaint, Classify(Mail(headers: "Auto-Submitted: no")).Action);
    }

    [Fact]
    public void A_delivery_status_notification_is_ignored_as_a_bounce()
    {
        var dsn = string.Join("\r\n",
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.cn>",
            "To: complaints@complaintflow.local",
            "Subject: Undelivered Mail Returned to Sender",
            "Message-ID: <20260302011600.ABC@mx.example.cn>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;",
            "\tboundary=\"DSN.BOUNDARY\"",
            "",
            "--DSN.BOUNDARY",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "I'm sorry to have to inform you that your message could not be delivered.",
            "--DSN.BOUNDARY",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.cn",
            "",
            "Final-Recipient: rfc822; zhang.san@example.cn",
            "Action: failed",
            "Status: 5.1.1",
            "--DSN.BOUNDARY",
            "Content-Type: text/rfc822-headers",
            "",
            $"Subject: [{Reference}] We received your complaint",
            "--DSN.BOUNDARY--",
            "");
        var post = new SendGridPost().Field("email", dsn).Field("envelope", """{"to":["complaints@complaintflow.local"],"from":""}""");

        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Ignore, InboundEmailReasons.Bounce), Classify(post));
    }

    [Fact]
    public void A_multipart_report_from_an_ordinary_looking_address_is_still_a_bounce()
    {
        var post = Mail(from: "bounces@mx.example.net", headers: "Content-Type: multipart/report;\r\n report-type=\"delivery-status\"; boundary=\"b1\"");

        Assert.Equal(InboundEmailReasons.Bounce, Classify(post).Reason);
    }

    [Theory]
    [InlineData("complaints@complaintflow.local")]
    [InlineData("Complaints@ComplaintFlow.local")]
    [InlineData("noreply@complaintflow.local")]
    public void Mail_from_our_own_addresses_is_ignored(string from) =>
        Assert.Equal(InboundEmailReasons.OwnAddress, Classify(Mail(from: from)).Reason);

    [Fact]
    public void Mail_with_a_null_envelope_sender_is_ignored()
    {
        var post = Mail().Field("envelope", """{"to":["complaints@complaintflow.local"],"from":"<>"}""");

        Assert.Equal(InboundEmailReasons.NullSender, Classify(post).Reason);
    }

    [Theory]
    [InlineData("7.3", InboundEmailAction.Quarantine)]
    [InlineData("5", InboundEmailAction.Quarantine)]
    [InlineData("4.9", InboundEmailAction.NewComplaint)]
    [InlineData("-0.1", InboundEmailAction.NewComplaint)]
    public void A_spam_score_at_or_above_the_threshold_is_quarantined_not_dropped(string score, InboundEmailAction expected) =>
        Assert.Equal(expected, Classify(Mail().Field("spam_score", score)).Action);
}
