using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Tests.Desk;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// Intake's message to Triage and Triage's message to Notify carry the complaint as just written, with its version
/// (issue 19: fewer storage requests per complaint; that no read is left is in <see cref="StorageRequestsPerComplaintTests"/>).
/// A carried copy never wins over anything written after it: the next stage writes against its version, so a change in
/// between is kept, and the stage reads and decides again.
/// </summary>
public sealed class CarriedComplaintTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public CarriedComplaintTests() => _pipeline = new InMemoryPipeline(_time);

    [Fact]
    public async Task An_assignment_made_before_triage_is_kept_and_the_complaint_scored_once()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice and nobody answers the phone.")).Complaint.Id;
        Assert.NotNull(Assert.Single(_pipeline.Queue.Peek<IntakeMessage>(QueueNames.Intake)).Carried);

        // A supervisor takes the complaint while its message waits: the message's copy is now out of date.
        await _pipeline.Complaints.UpdateAsync(id, c => _pipeline.Desk.Assign(c, DeskFixtures.Supervisor, DeskFixtures.OtherAgent.Id, Monday), CancellationToken.None);
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal(DeskFixtures.OtherAgent.Id, complaint.Owner);
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
        var history = await _pipeline.HistoryAsync(id);
        Assert.Single(history, e => e.Type == EventTypes.Scored);
        Assert.Single(history, e => e.Type == EventTypes.Notified);
        Assert.Single(_pipeline.Email.Sent);
    }

    [Fact]
    public async Task An_assignment_made_before_the_acknowledgement_is_sent_is_kept_and_the_notice_sent_once()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice and nobody answers the phone.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        Assert.NotNull(Assert.Single(_pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications)).Carried);

        await _pipeline.Complaints.UpdateAsync(id, c => _pipeline.Desk.Assign(c, DeskFixtures.Supervisor, DeskFixtures.OtherAgent.Id, Monday), CancellationToken.None);
        await _pipeline.RunNotifyAsync(deliveries: 2);

        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal(DeskFixtures.OtherAgent.Id, complaint.Owner);
        Assert.Equal(Monday, complaint.AcknowledgedAt);
        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Notified);
        Assert.Single(_pipeline.Email.Sent);
    }

    [Fact]
    public async Task A_complaint_too_large_to_carry_is_read_by_triage_and_still_acknowledged_once()
    {
        // 14,000 Chinese characters are 42 KB of UTF-8: more than a queue message carries (an email thread can be as long).
        var text = string.Concat(Enumerable.Repeat("停电已经三天了，没有人来修。", 1_000));
        var id = (await _pipeline.SubmitAsync("key-1", text, language: "zh-Hans")).Complaint.Id;
        Assert.Null(Assert.Single(_pipeline.Queue.Peek<IntakeMessage>(QueueNames.Intake)).Carried);

        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Notified);
        Assert.Single(_pipeline.Email.Sent);
    }
}
