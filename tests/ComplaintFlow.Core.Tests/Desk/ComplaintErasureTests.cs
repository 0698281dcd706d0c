using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Desk;

public sealed class ComplaintErasureTests
{
    private static readonly DateTimeOffset Now = DeskFixtures.Received.AddDays(20);

    private static Complaint Resolved() => DeskFixtures.OpenComplaint(phone: "+8613800138000") with
    {
        Subject = "Bill for Li Lei",
        RawPayload = "web/2026/03/02/X/1.json",
        Replies = [new CustomerReply { MessageId = "<r1@mail.example.com>", Channel = Channel.Email, ReceivedAt = DeskFixtures.Received.AddDays(1), Text = "Account 88123", RawPayload = "email/2026/03/03/X/reply-1.eml" }],
        Attachments = [new ComplaintAttachment("bill.pdf", "application/pdf", 18, "attachments/X/h/1-bill.pdf")],
        Triage = DeskFixtures.OpenComplaint().Triage! with
        {
            Reasons = [new ScoreReason { Rule = "money", Description = "money at stake", Weight = 0.2, Match = "CNY 128", Start = 3, Length = 7, Field = "text" }],
        },
        Compensations = [new Compensation { Amount = 128m, Currency = "CNY", Reason = "Refund for Li Lei", Accepted = true, RecordedBy = "amy@desk.example", RecordedAt = DeskFixtures.Received.AddDays(2) }],
        Resolution = new Resolution { Text = "Dear Li Lei, we refunded you.", RootCause = "our-error", CorrectiveAction = "Billing check added.", ResolvedBy = "amy@desk.example", ResolvedAt = DeskFixtures.Received.AddDays(3), SurveyToken = "t" },
        SurveyAnswers = [new SurveyAnswer { Score = 4, Comment = "Thanks, Li Lei here", AnsweredAt = DeskFixtures.Received.AddDays(4), SurveyToken = "t" }],
        Status = ComplaintStatus.Resolved,
        AcknowledgedAt = DeskFixtures.Received.AddHours(1),
        Notifications =
        [
            new Notification { Id = "n1", Kind = NotificationKind.Survey, Channel = NotificationChannel.Email, RequestedAt = DeskFixtures.Received, Status = NotificationStatus.Pending },
            new Notification { Id = "n2", Kind = NotificationKind.StaffAlert, Channel = NotificationChannel.Email, RequestedAt = DeskFixtures.Received, Recipient = "sam@desk.example" },
        ],
    };

    private static readonly IReadOnlyList<ComplaintEvent> History =
    [
        new() { Sequence = 1, Type = EventTypes.Received, At = DeskFixtures.Received, Actor = Actors.Customer, Data = new Dictionary<string, string> { ["channel"] = "Web" } },
        new() { Sequence = 2, Type = EventTypes.Note, At = DeskFixtures.Received, Actor = "amy@desk.example", Data = new Dictionary<string, string> { ["text"] = "Li Lei called from 13800138000" } },
    ];

    [Fact]
    public void Erasure_replaces_what_identifies_the_customer_and_keeps_what_the_statistics_read()
    {
        var original = Resolved();

        var plan = ComplaintErasure.Plan(original, History, "sam@desk.example", Now)!;
        var erased = plan.Change.State;

        Assert.Equal(("[erased]", null, new ContactDetails(), Now), (erased.Text, erased.Subject, erased.Contact, erased.ErasedAt));
        Assert.Equal(("[erased]", "[erased]", null), (erased.Replies.Single().Text, erased.Replies.Single().MessageId, erased.Replies.Single().RawPayload));
        Assert.Empty(erased.Attachments);
        Assert.Equal(("[erased]", "[erased]", "[erased]"), (erased.Resolution!.Text, erased.Compensations.Single().Reason, erased.SurveyAnswers.Single().Comment));
        Assert.Null(erased.Triage!.Reasons.Single().Match);
        Assert.Equal(["web/2026/03/02/X/1.json", "email/2026/03/03/X/reply-1.eml", "attachments/X/h/1-bill.pdf"], plan.Payloads);
        Assert.Equal("[erased]", plan.RewrittenEvents.Single(e => e.Sequence == 2).Data["text"]);
        Assert.Equal((NotificationStatus.Failed, NotificationStatus.Pending), (erased.Notifications[0].Status, erased.Notifications[1].Status));

        var statistics = DeskStatistics.Compute([original], DeskFixtures.Received.AddDays(-1), Now, Now, withStaff: true);
        var after = DeskStatistics.Compute([erased], DeskFixtures.Received.AddDays(-1), Now, Now, withStaff: true);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(statistics with { RepeatComplainants = [] }, ComplaintJson.Options),
            System.Text.Json.JsonSerializer.Serialize(after with { RepeatComplainants = [] }, ComplaintJson.Options));
    }

    [Fact]
    public void The_erased_event_counts_what_was_removed_and_names_none_of_it()
    {
        var plan = ComplaintErasure.Plan(Resolved(), History, "sam@desk.example", Now)!;

        var audit = plan.Change.Events.Single();
        Assert.Equal((EventTypes.Erased, "sam@desk.example"), (audit.Type, audit.Actor));
        Assert.Equal(("1", "1", "3", "1"), (audit.Data["replies"], audit.Data["attachments"], audit.Data["payloads"], audit.Data["historyEntries"]));
        Assert.DoesNotContain(audit.Data.Values, v => v.Contains("Li", StringComparison.Ordinal) || v.Contains("138", StringComparison.Ordinal));
    }

    [Fact]
    public void An_erased_complaint_has_nothing_left_to_erase()
    {
        var once = ComplaintErasure.Plan(Resolved(), History, "sam@desk.example", Now)!.Change.State;

        Assert.Null(ComplaintErasure.Plan(once, History, "sam@desk.example", Now.AddMinutes(1)));
    }

    [Theory]
    [InlineData(" Li.Lei@Example.COM ", "li.lei@example.com", null)]
    [InlineData("+86 138-0013-8000", null, "+8613800138000")]
    [InlineData("13800138000", null, "+8613800138000")]
    public void A_contact_is_read_as_intake_stores_it(string typed, string? email, string? phone)
    {
        Assert.True(ContactIdentity.TryParse(typed, "CN", out var identity));
        Assert.Equal((email, phone), (identity.Email, identity.Phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a contact")]
    [InlineData("li@")]
    [InlineData("12")]
    public void Anything_else_is_not_a_contact(string? typed) =>
        Assert.False(ContactIdentity.TryParse(typed, "CN", out _));
}
