using System.Text;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.InMemory;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The desk's ignored and held mail (<see cref="HeldMail"/>): what the webhook kept without opening a complaint,
/// explained by the webhook's own decision, email only, for the last <see cref="HeldMail.IgnoredDays"/> days.
/// </summary>
public sealed class HeldMailTests
{
    private static readonly InboundEmailParser Parser = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero));
    private readonly InMemoryPipeline _pipeline;
    private readonly HeldMail _mail;

    public HeldMailTests()
    {
        _pipeline = new InMemoryPipeline(_time);
        _mail = new HeldMail(_pipeline.Quarantine, _pipeline.Raw, Parser, _pipeline.EmailIntake, _time);
    }

    private static SendGridPost AutoReply(string messageId) =>
        SendGridPost.Mail("Pat Lee <pat@example.com>", "Automatic reply: Your complaint", "I am out of the office until Monday.", messageId, "Auto-Submitted: auto-replied");

    private async Task<InboundEmailOutcome> DeliverAsync(SendGridPost post)
    {
        var body = post.Bytes();
        return await _pipeline.EmailIntake.HandleAsync(Parser.Parse(body, post.ContentType), new RawPayload(body, post.ContentType, "form"), null, CancellationToken.None);
    }

    [Fact]
    public async Task An_ignored_auto_reply_and_held_list_mail_are_listed_with_the_webhooks_decision_and_the_customers_words()
    {
        Assert.Equal(InboundEmailOutcomeKind.Ignored, (await DeliverAsync(AutoReply("auto.1@mail.example.com"))).Kind);
        var list = SendGridPost.Mail("Li Wei <li.wei@example.cn>", "[业主群] 路灯又坏了", "高街的路灯已经坏了一个星期。", "list.1@lists.example.cn", "Precedence: list");
        Assert.Equal(InboundEmailOutcomeKind.Quarantined, (await DeliverAsync(list)).Kind);
        // An SMS held for review is not mail: it is not listed here.
        await _pipeline.Quarantine.HoldAsync("sms", QuarantineReasons.SenderNotPhoneNumber, null, null, new RawPayload(Encoding.UTF8.GetBytes("From=abc"), "application/x-www-form-urlencoded", "form"), CancellationToken.None);

        var recent = await _mail.RecentAsync(CancellationToken.None);

        var ignored = Assert.Single(recent.Ignored);
        Assert.Equal((InboundEmailOutcomeKind.Ignored, InboundEmailReasons.AutoReply, "I am out of the office until Monday."), (ignored.Explanation!.Outcome.Kind, ignored.Explanation.Outcome.Reason, ignored.Explanation.Text));
        Assert.Equal(new DateOnly(2026, 3, 2), ignored.ReceivedOn);
        var held = Assert.Single(recent.Quarantined);
        Assert.Equal((InboundEmailOutcomeKind.Quarantined, InboundEmailReasons.Bulk, "高街的路灯已经坏了一个星期。"), (held.Explanation!.Outcome.Kind, held.Explanation.Outcome.Reason, held.Explanation.Text));
        Assert.Equal(("li.wei@example.cn", "[业主群] 路灯又坏了"), (held.Email!.From, held.Email.Subject));
        Assert.Equal(_time.GetUtcNow(), held.ReceivedAt);
        Assert.Empty(_pipeline.Store.All());
    }

    [Fact]
    public async Task Machine_mail_older_than_the_window_is_no_longer_listed()
    {
        await DeliverAsync(AutoReply("auto.old@mail.example.com"));
        _time.Advance(TimeSpan.FromDays(HeldMail.IgnoredDays));
        await DeliverAsync(AutoReply("auto.new@mail.example.com"));

        var recent = await _mail.RecentAsync(CancellationToken.None);

        Assert.Equal([DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime)], recent.Ignored.Select(i => i.ReceivedOn));
    }
}
