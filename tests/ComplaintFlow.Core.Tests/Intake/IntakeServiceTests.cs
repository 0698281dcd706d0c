using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// The intake stage's idempotency rules (<see cref="IntakeService"/>) over the in-memory adapters: a retried or
/// double-clicked submission is one complaint, a key used again for other words is refused, and a race or a lost
/// answer never leaves a complaint without its payload or without a message for Triage.
/// </summary>
public sealed class IntakeServiceTests
{
    private readonly InMemoryPipeline _pipeline = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero)));

    [Fact]
    public async Task The_same_submission_twice_is_one_complaint_with_one_payload()
    {
        var first = await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.");
        var again = await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.");

        Assert.Equal(IntakeOutcomeKind.Created, first.Kind);
        Assert.Equal(IntakeOutcomeKind.Duplicate, again.Kind);
        Assert.Equal(first.Complaint.Id, again.Complaint.Id);
        Assert.Single(_pipeline.Store.All());
        Assert.Single(_pipeline.Raw.Names);
        Assert.Equal([EventTypes.Received], (await _pipeline.HistoryAsync(first.Complaint.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_key_used_again_for_other_words_is_refused_and_the_first_complaint_stands()
    {
        var first = await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.");
        var other = await _pipeline.SubmitAsync("key-1", "The engineer never came.");

        Assert.Equal(IntakeOutcomeKind.KeyReused, other.Kind);
        Assert.Equal("My bill doubled without notice.", (await _pipeline.ComplaintAsync(first.Complaint.Id)).Text);
        Assert.Single(_pipeline.Raw.Names);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_submission_make_one_complaint_and_keep_only_its_payload()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _pipeline.SubmitAsync("key-1", "我的账单无故翻倍了。", language: "zh-Hans"))));

        Assert.Single(outcomes, o => o.Kind == IntakeOutcomeKind.Created);
        Assert.All(outcomes, o => Assert.NotEqual(IntakeOutcomeKind.KeyReused, o.Kind));
        var complaint = Assert.Single(_pipeline.Store.All());
        // The losers' payload copies belong to no complaint: only the winner's is kept (an erasure must find it all).
        Assert.Equal([complaint.RawPayload!], _pipeline.Raw.Names);
        Assert.Equal("我的账单无故翻倍了。", System.Text.Encoding.UTF8.GetString(_pipeline.Raw.Read(complaint.RawPayload!)!));
    }

    [Fact]
    public async Task A_creation_whose_answer_was_lost_still_reaches_triage_and_keeps_its_payload()
    {
        _pipeline.Store.LoseAnswers(1);

        var outcome = await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.");

        var complaint = Assert.Single(_pipeline.Store.All());
        Assert.Equal(complaint.Id, outcome.Complaint.Id);
        Assert.Equal([complaint.RawPayload!], _pipeline.Raw.Names);
        Assert.Equal([complaint.Id], _pipeline.Queue.Peek<IntakeMessage>(QueueNames.Intake).Select(m => m.ComplaintId).Distinct());
    }

    [Fact]
    public async Task A_retry_after_triage_queues_nothing_more()
    {
        var first = await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.");
        await _pipeline.RunTriageAsync();

        await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.");

        Assert.Equal(0, _pipeline.Queue.Count(QueueNames.Intake));
        Assert.Equal(ComplaintStatus.Open, (await _pipeline.ComplaintAsync(first.Complaint.Id)).Status);
    }
}
