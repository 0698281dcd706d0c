using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// Staff correct triage's category and sentiment (<see cref="TriageCorrections"/>) over the in-memory adapters: the
/// corrected value is the complaint's from then on, for the work lists, the search facets and the dashboard, while the
/// history keeps what triage said, who corrected it and why; a value the policy does not have is refused and nothing
/// is saved.
/// </summary>
public sealed class TriageCorrectionTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly TriageCorrections _corrections = new(TriagePolicy.Default);

    public TriageCorrectionTests() => _pipeline = new InMemoryPipeline(_time);

    private static readonly StaffMember ChineseAgent = DeskFixtures.Agent with { Language = SupportedLanguages.SimplifiedChinese };

    private async Task<string> TriagedAsync(string key, string text)
    {
        var id = (await _pipeline.SubmitAsync(key, text)).Complaint.Id;
        await _pipeline.RunTriageAsync();
        return id;
    }

    private async Task<DeskActionResult> CorrectAsync(string id, StaffMember staff, string? category, string? sentiment, string? note = null)
    {
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        var seen = (await _pipeline.HistoryAsync(id)).Max(e => e.Sequence).ToString(CultureInfo.InvariantCulture);
        return await _pipeline.DeskActions.RunAsync(id, read.Version, seen, staff,
            (c, s, now) => _corrections.Correct(c, s, new TriageCorrectionInput(category, sentiment, note), now), null, CancellationToken.None);
    }

    private async Task<IReadOnlyList<string>> WithCategoryAsync(string category)
    {
        var search = new ComplaintSearch(_pipeline.Search, _pipeline.Complaints, new WorkLists(new PortalOptions()));
        var errors = new List<ValidationError>();
        var terms = new SearchQuery { Category = category }.Terms("CN", SupportedLanguages.English, errors);
        Assert.Empty(errors);
        return [.. (await search.SearchAsync(terms, ComplaintSearch.DefaultTake, null, _time.GetUtcNow(), CancellationToken.None)).Rows.Select(r => r.ComplaintId)];
    }

    [Fact]
    public async Task A_corrected_category_is_what_search_the_work_lists_and_the_dashboard_use_and_the_history_keeps_what_triage_said()
    {
        var id = await TriagedAsync("k1", "My bill doubled without notice. This is outrageous and I am furious.");
        Assert.Equal("billing", (await _pipeline.ComplaintAsync(id)).Triage!.PrimaryCategory);
        Assert.Equal([id], await WithCategoryAsync("billing"));
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = await CorrectAsync(id, DeskFixtures.Agent, "metering", null, "The meter was misread: the bill follows it.");

        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal("metering", complaint.Triage!.PrimaryCategory);
        Assert.Equal(SentimentLabel.Negative, complaint.Triage.Sentiment.Label);
        var corrected = Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == TriageCorrectionEvents.CategoryCorrected);
        Assert.Equal(DeskFixtures.Agent.Id, corrected.Actor);
        Assert.Equal("billing", corrected.Data["from"]);
        Assert.Equal("metering", corrected.Data["to"]);
        Assert.Equal("The meter was misread: the bill follows it.", corrected.Data["note"]);
        Assert.DoesNotContain(await _pipeline.HistoryAsync(id), e => e.Type == TriageCorrectionEvents.SentimentCorrected);

        // The search facet moved with it, the work lists' index rows carry it, and the dashboard counts it there.
        Assert.Equal([id], await WithCategoryAsync("metering"));
        Assert.Empty(await WithCategoryAsync("billing"));
        var rows = new List<Core.Deadlines.DeadlineEntry>();
        await foreach (var row in _pipeline.Index.AllOpenAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("metering", r.Category));
        var stats = DeskStatistics.Compute(_pipeline.Store.All(), Monday.AddDays(-1), Monday.AddDays(1), _time.GetUtcNow(), withStaff: false);
        Assert.Equal(1, stats.ByCategory["metering"]);
        Assert.False(stats.ByCategory.ContainsKey("billing"));
    }

    [Fact]
    public async Task Correcting_both_writes_one_event_for_each_in_the_same_save_and_a_value_left_as_it_was_writes_none()
    {
        var id = await TriagedAsync("k1", "My bill doubled without notice. This is outrageous and I am furious.");
        var writes = _pipeline.Store.Writes;

        var both = await CorrectAsync(id, DeskFixtures.Agent, "delivery", "neutral");

        Assert.Equal(DeskActionOutcome.Done, both.Outcome);
        Assert.Equal(writes + 1, _pipeline.Store.Writes);
        var triage = (await _pipeline.ComplaintAsync(id)).Triage!;
        Assert.Equal(("delivery", SentimentLabel.Neutral), (triage.PrimaryCategory, triage.Sentiment.Label));
        var sentiment = Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == TriageCorrectionEvents.SentimentCorrected);
        Assert.Equal(("negative", "neutral"), (sentiment.Data["from"], sentiment.Data["to"]));
        Assert.False(sentiment.Data.ContainsKey("note"));

        // The page sends both values; only the one the person changed is a correction.
        var sentimentOnly = await CorrectAsync(id, DeskFixtures.Agent, "delivery", "positive");

        Assert.Equal(DeskActionOutcome.Done, sentimentOnly.Outcome);
        var history = await _pipeline.HistoryAsync(id);
        Assert.Single(history, e => e.Type == TriageCorrectionEvents.CategoryCorrected);
        Assert.Equal(2, history.Count(e => e.Type == TriageCorrectionEvents.SentimentCorrected));
    }

    [Theory]
    [InlineData("refunds", null, "category", "“refunds”不是分诊策略中的类别")]
    [InlineData(null, "angry", "sentiment", "请选择情绪：positive, neutral, negative, mixed。")]
    [InlineData("billing", "negative", "category", "该投诉已是此值")]
    [InlineData(null, null, "category", "请选择正确的类别或情绪。")]
    public async Task A_category_the_policy_does_not_have_or_a_correction_that_changes_nothing_is_refused_in_the_staff_language_and_nothing_is_saved(
        string? category, string? sentiment, string field, string message)
    {
        var id = await TriagedAsync("k1", "My bill doubled without notice. This is outrageous and I am furious.");
        var writes = _pipeline.Store.Writes;

        var result = await CorrectAsync(id, ChineseAgent, category, sentiment);

        Assert.Equal(DeskActionOutcome.Refused, result.Outcome);
        Assert.Equal(RefusalKind.Invalid, result.Refusal!.Kind);
        var error = Assert.Single(result.Refusal.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(writes, _pipeline.Store.Writes);
        Assert.Equal("billing", (await _pipeline.ComplaintAsync(id)).Triage!.PrimaryCategory);
    }

    [Fact]
    public async Task The_refusal_of_an_unknown_category_lists_every_category_of_the_policy()
    {
        var id = await TriagedAsync("k1", "My bill doubled without notice. This is outrageous and I am furious.");

        var result = await CorrectAsync(id, DeskFixtures.Agent, "Billing ", null);

        var error = Assert.Single(result.Refusal!.Errors);
        foreach (var category in TriagePolicy.Default.Categories.Select(c => c.Id).Append("other"))
        {
            Assert.Contains(category, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_complaint_not_scored_yet_cannot_be_corrected_and_a_resolved_one_can_be()
    {
        var waiting = (await _pipeline.SubmitAsync("k0", "The parcel never came.")).Complaint.Id;
        var refused = await CorrectAsync(waiting, DeskFixtures.Agent, "delivery", null);
        Assert.Equal(RefusalKind.WrongState, refused.Refusal!.Kind);

        await _pipeline.RunTriageAsync();
        var id = await TriagedAsync("k1", "My bill doubled without notice. This is outrageous and I am furious.");
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        var seen = (await _pipeline.HistoryAsync(id)).Max(e => e.Sequence).ToString(CultureInfo.InvariantCulture);
        await _pipeline.DeskActions.RunAsync(id, read.Version, seen, DeskFixtures.Agent,
            (c, s, now) => _pipeline.Desk.Resolve(c, s, new ResolutionInput("We refunded the second charge.", "our-error", null), "tok", now), null, CancellationToken.None);

        // The category model learns from resolved complaints: correcting one after the resolution is what it needs.
        var result = await CorrectAsync(id, DeskFixtures.Supervisor, "mis-selling", null, "Sold a plan that did not fit.");

        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.Equal("mis-selling", complaint.Triage!.PrimaryCategory);
    }
}
