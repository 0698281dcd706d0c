using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// What the on-call alerts are computed from: work waiting on each stage queue and for how long, anything parked in a
/// poison queue, and the complaints whose running clocks are past due.
/// </summary>
public sealed class PipelineHealthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero));

    private static Task<IntakeOutcome> SubmitAsync(InMemoryPipeline pipeline, string key, string text) =>
        pipeline.Intake.RecordAsync(
            new ValidSubmission
            {
                Channel = Channel.Web,
                Contact = new ContactDetails { Name = "Li Lei", Email = $"{key}@example.com" },
                Text = text,
                Language = "en",
            },
            key,
            new RawPayload(System.Text.Encoding.UTF8.GetBytes(text), "text/plain", "txt"),
            traceParent: null,
            CancellationToken.None);

    private PipelineHealth HealthOf(InMemoryPipeline pipeline) => new(new InMemoryQueueWatch(pipeline.Queue, _time), pipeline.Index, _time);

    [Fact]
    public async Task A_stalled_intake_queue_shows_its_backlog_and_how_long_the_oldest_complaint_has_waited()
    {
        var pipeline = new InMemoryPipeline(_time);
        await SubmitAsync(pipeline, "first", "My bill doubled without notice.");
        _time.Advance(TimeSpan.FromMinutes(3));
        await SubmitAsync(pipeline, "second", "Broadband down since yesterday.");
        _time.Advance(TimeSpan.FromMinutes(4));

        var reading = await HealthOf(pipeline).MeasureAsync(CancellationToken.None);

        var intake = reading.Queues.Single(q => q.Queue == QueueNames.Intake);
        Assert.Equal(2, intake.Messages);
        Assert.Equal(420, intake.OldestAgeSeconds);
        Assert.Equal(0, reading.Queues.Single(q => q.Queue == QueueNames.Notifications).Messages);
        Assert.Equal(0, reading.PoisonMessages);

        // Once Triage has taken them the backlog moves on to the acknowledgements, which have only just been queued.
        await pipeline.RunTriageAsync();
        reading = await HealthOf(pipeline).MeasureAsync(CancellationToken.None);
        Assert.Equal(0, reading.Queues.Single(q => q.Queue == QueueNames.Intake).Messages);
        var notifications = reading.Queues.Single(q => q.Queue == QueueNames.Notifications);
        Assert.Equal(2, notifications.Messages);
        Assert.Equal(0, notifications.OldestAgeSeconds);
    }

    [Fact]
    public async Task Every_stage_queue_has_its_poison_queue_watched_and_a_parked_message_is_counted()
    {
        var pipeline = new InMemoryPipeline(_time);
        await pipeline.Queue.SendAsync(QueueNames.Notifications + "-poison", new NotificationMessage("c1", "n1"), TimeSpan.Zero, CancellationToken.None);

        var reading = await HealthOf(pipeline).MeasureAsync(CancellationToken.None);

        Assert.Equal(
            ["complaints-intake", "complaints-intake-poison", "notifications", "notifications-poison", "sms-media", "sms-media-poison"],
            reading.Queues.Select(q => q.Queue).Order(StringComparer.Ordinal));
        Assert.Equal(1, reading.PoisonMessages);
        Assert.True(reading.Queues.Single(q => q.Queue == "notifications-poison").IsPoison);
    }

    [Fact]
    public async Task Complaints_count_as_overdue_once_a_running_clock_is_past_due_and_not_before()
    {
        var pipeline = new InMemoryPipeline(_time);
        var late = await SubmitAsync(pipeline, "late", "The engineer did not come and nobody called.");
        await pipeline.RunTriageAsync();
        await pipeline.RunNotifyAsync();
        var firstDue = (await pipeline.ComplaintAsync(late.Complaint.Id)).Deadlines.Where(d => d.MetAt is null).Min(d => d.DueAt);

        _time.SetUtcNow(firstDue - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await HealthOf(pipeline).MeasureAsync(CancellationToken.None)).OverdueComplaints);

        _time.SetUtcNow(firstDue + TimeSpan.FromMinutes(1));
        var reading = await HealthOf(pipeline).MeasureAsync(CancellationToken.None);
        Assert.Equal(1, reading.OverdueComplaints);
        Assert.True(reading.OverdueDeadlines >= 1);
    }
}
