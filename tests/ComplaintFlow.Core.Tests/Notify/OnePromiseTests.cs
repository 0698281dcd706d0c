using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// One promise: the date the acknowledgement gives the customer is the first-response deadline the desk is tracked
/// against, and the status page shows the same words, whatever the channel, priority, time of day or zone.
/// </summary>
public sealed class OnePromiseTests
{
    private static readonly DateTimeOffset[] Moments =
    [
        new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero),   // Monday morning in Beijing
        new(2026, 3, 6, 10, 45, 0, TimeSpan.Zero),  // Friday evening in Beijing
        new(2026, 3, 7, 15, 0, 0, TimeSpan.Zero),   // Saturday night in Beijing
    ];

    public static TheoryData<Channel, string, string> Cases => new()
    {
        { Channel.Web, "The power is off and my father's oxygen concentrator has stopped.", "en" },
        { Channel.Web, "My bill doubled without notice.", "zh-Hans" },
        { Channel.Email, "The meter reading is wrong again, this is the third time.", "en" },
        { Channel.Email, "停电三天了，没有人来修。", "zh-Hant" },
        { Channel.Sms, "停电了，家里老人用制氧机，请马上处理", "zh-Hans" },
        { Channel.Sms, "Broadband down since yesterday.", "en" },
        // Taken by a member of staff on the phone or at the counter: the same clocks and the same promise.
        { Channel.Phone, "No power since this morning, my mother is 90 and lives alone.", "zh-Hans" },
        { Channel.Phone, "The engineer did not come.", "en" },
        { Channel.InPerson, "电费账单金额不对。", "zh-Hant" },
        { Channel.InPerson, "My meter was replaced and the reading is wrong.", "en" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_acknowledgement_promises_the_tracked_first_response_and_the_status_page_shows_the_same_words(Channel channel, string text, string language)
    {
        foreach (var at in Moments)
        {
            var time = new FakeTimeProvider(at);
            var pipeline = new InMemoryPipeline(time);
            // Texts and phone calls give us a number; the web, email and the counter an address.
            var sms = channel is Channel.Sms or Channel.Phone;
            var outcome = await pipeline.Intake.RecordAsync(
                new ValidSubmission
                {
                    Channel = channel,
                    Contact = new ContactDetails { Name = "Li Lei", Email = sms ? null : "li.lei@example.com", Phone = sms ? "+447911123456" : null },
                    Text = text,
                    Language = language,
                    TimeZone = sms ? CustomerTime.ZoneFor(null, "+447911123456") : null,
                    ChannelAddress = channel == Channel.Email ? "power@complaintflow.local" : null,
                },
                $"{channel}-{at.UtcTicks}",
                new RawPayload(System.Text.Encoding.UTF8.GetBytes(text), "text/plain", "txt"),
                traceParent: null,
                CancellationToken.None,
                recordedBy: channel is Channel.Phone or Channel.InPerson ? "amy@desk.example" : null);

            await pipeline.RunTriageAsync();
            await pipeline.RunNotifyAsync();

            var complaint = await pipeline.ComplaintAsync(outcome.Complaint.Id);
            var tracked = complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.FirstResponse);
            var status = CustomerStatus.Of(complaint, pipeline.NotifyOptions.TimeZone);
            Assert.Equal(tracked.DueAt, status.ReplyBy);
            var sent = sms ? Assert.Single(pipeline.Sms.Sent).Body : Assert.Single(pipeline.Email.Sent).Text;
            Assert.Contains(status.Dates["replyBy"], sent, StringComparison.Ordinal);
            if (status.StatutoryBy is not null && !sms)
            {
                Assert.Contains(status.Dates["statutoryBy"], sent, StringComparison.Ordinal);
            }

            // The acknowledgement's own clock is met by the acknowledgement: it is never the date promised.
            var acknowledge = complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Acknowledge);
            Assert.NotNull(acknowledge.MetAt);
        }
    }

    [Fact]
    public async Task A_power_complaint_by_email_states_the_95598_statutory_reply_date()
    {
        var time = new FakeTimeProvider(Moments[0]);
        var pipeline = new InMemoryPipeline(time);
        var outcome = await pipeline.Intake.RecordAsync(
            new ValidSubmission
            {
                Channel = Channel.Email,
                Contact = new ContactDetails { Email = "li.lei@example.com" },
                Text = "My bill is wrong.",
                Language = "en",
                ChannelAddress = "power@complaintflow.local",
            },
            "power-1",
            new RawPayload("x"u8.ToArray(), "text/plain", "txt"),
            traceParent: null,
            CancellationToken.None);

        await pipeline.RunTriageAsync();
        await pipeline.RunNotifyAsync();

        var complaint = await pipeline.ComplaintAsync(outcome.Complaint.Id);
        var status = CustomerStatus.Of(complaint, pipeline.NotifyOptions.TimeZone);
        Assert.Equal(complaint.Deadlines.Single(d => d.Clock == "power-95598" && d.Kind == "reply").DueAt, status.StatutoryBy);
        var email = Assert.Single(pipeline.Email.Sent).Text;
        Assert.Contains($"final response by {status.Dates["statutoryBy"]}", email, StringComparison.Ordinal);
        Assert.Contains("12398", email, StringComparison.Ordinal);
        Assert.Equal("11 Mar 2026, 09:30 China Standard Time", status.Dates["statutoryBy"]);
    }
}
