using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Tests.Desk;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class CustomerRepliesTests
{
    private static readonly DeadlinePlanner Planner = new(DeskFixtures.Rules);
    private static readonly CustomerReplies Replies = new(new DeadlineClock(DeskFixtures.Rules), Planner, new ReplyTriage(new TriageEngine(TriagePolicy.Default), new LexiconAnalyzer(), Planner, new DeadlineOptions()));
    private static readonly DateTimeOffset Now = DeskFixtures.Received.AddDays(2);

    private static CustomerReply Reply(string messageId, string text = "Invoice INV-2231.") =>
        new() { MessageId = messageId, Channel = Channel.Email, ReceivedAt = Now, Text = text };

    [Fact]
    public void Reply_to_a_complaint_waiting_on_the_customer_resumes_it_and_extends_the_paused_clock()
    {
        var waiting = DeskFixtures.NewDesk().WaitOnCustomer(DeskFixtures.OpenComplaint(), DeskFixtures.Agent, "Asked for the invoice.", DeskFixtures.Received.AddDays(1)).State;

        var change = Replies.Append(waiting, Reply("r-1"), [], Now)!;

        Assert.Equal(ComplaintStatus.Open, change.State.Status);
        Assert.Equal([EventTypes.CustomerReply, EventTypes.Resumed], change.Events.Select(e => e.Type));
        var resolve = change.State.Deadlines.Single(d => d.Kind == DeadlineKinds.Resolve && d.Clock == DeadlineKinds.InternalClock);
        Assert.Null(resolve.PausedAt);
        Assert.True(resolve.DueAt > DeskFixtures.Received.AddDays(10), "the internal clock is extended by the time paused");
    }

    [Fact]
    public void Reply_to_an_open_complaint_is_appended_without_touching_its_status_or_clocks()
    {
        var open = DeskFixtures.OpenComplaint();

        var change = Replies.Append(open, Reply("r-2"), [new ComplaintAttachment("meter.jpg", "image/jpeg", 2048, "attachments/x/1-meter.jpg")], Now)!;

        Assert.Equal(ComplaintStatus.Open, change.State.Status);
        Assert.Equal(open.Deadlines, change.State.Deadlines);
        Assert.Equal("Invoice INV-2231.", Assert.Single(change.State.Replies).Text);
        Assert.Equal("meter.jpg", Assert.Single(change.State.Attachments).Name);
        Assert.Equal("1", change.Events.Single().Data["attachments"]);
    }

    [Fact]
    public void A_customer_writing_again_after_the_resolution_reopens_the_complaint_with_a_callback_and_its_clocks_running_again()
    {
        var desk = DeskFixtures.NewDesk();
        var open = DeskFixtures.OpenComplaint();
        var resolvedAt = DeskFixtures.Received.AddDays(1);
        var resolved = desk.Resolve(open, DeskFixtures.Agent, new ResolutionInput("We refunded the charge.", "our-error", null), "tok", resolvedAt).State;
        var reply = new CustomerReply { MessageId = "SM-after", Channel = Channel.Sms, ReceivedAt = Now, Text = "CF ref: the refund never came." };

        var change = Replies.Append(resolved, reply, [], Now)!;

        Assert.Equal(ComplaintStatus.Open, change.State.Status);
        Assert.Equal([EventTypes.CustomerReply, EventTypes.Reopened], change.Events.Select(e => e.Type));
        Assert.Equal("customer-wrote-after-resolution", change.Events[1].Data["reason"]);
        Assert.Equal(Actors.Customer, change.Events[1].Actor);
        var callback = Assert.Single(change.State.Deadlines, d => d.Kind == DeadlineKinds.Callback);
        Assert.True(callback.IsOpen);
        Assert.True(callback.DueAt > Now);
        // The clocks the resolution met run again from their original due times.
        Assert.Contains(change.State.Deadlines, d => d.Kind == DeadlineKinds.Resolve && d.IsOpen);
        Assert.Equal("CF ref: the refund never came.", Assert.Single(change.State.Replies).Text);
    }

    [Fact]
    public void A_reply_to_an_open_complaint_reopens_nothing()
    {
        var change = Replies.Append(DeskFixtures.OpenComplaint(), Reply("r-open"), [], Now)!;

        Assert.DoesNotContain(change.Events, e => e.Type == EventTypes.Reopened);
        Assert.DoesNotContain(change.State.Deadlines, d => d.Kind == DeadlineKinds.Callback);
    }

    [Fact]
    public void The_same_message_delivered_again_changes_nothing()
    {
        var once = Replies.Append(DeskFixtures.OpenComplaint(), Reply("r-3"), [], Now)!.State;

        Assert.Null(Replies.Append(once, Reply("r-3", "different text, same message id"), [], Now.AddMinutes(5)));
        Assert.Null(Replies.Append(once, Reply(once.SourceMessageId), [], Now.AddMinutes(5)));
    }

    [Theory]
    [InlineData("请回电 138 0013 8000，谢谢", "+8613800138000")]
    [InlineData("Call me on +44 20 7946 0958 after six.", "+442079460958")]
    [InlineData("No number here, only order 20260302.", null)]
    public void Phone_number_written_in_an_email_is_found_for_cross_channel_linking(string text, string? expected) =>
        Assert.Equal(expected, ContactHints.FindPhone(text, "CN"));

    [Theory]
    [InlineData("我的邮箱是 Li.Wei@Example.cn。", "li.wei@example.cn")]
    [InlineData("email me: chen@example.com.", "chen@example.com")]
    [InlineData("no address @ all", null)]
    public void Email_address_written_in_a_text_is_found_for_cross_channel_linking(string text, string? expected) =>
        Assert.Equal(expected, ContactHints.FindEmail(text));
}
