using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Tests.Triage;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The desk teaches triage its categories (docs/triage.md, "Category model"): which complaints are examples, the
/// import of a labelled file, the held-out split, and the rule that a retrained model never replaces a better one.
/// </summary>
public sealed class CategoryTeachingTests
{
    private readonly InMemoryComplaintStore _complaints = new();
    private readonly InMemoryCategoryModelStore _store = new();
    private readonly FakeTimeProvider _time = new(Received.AddDays(30));

    private CategoryTeaching Teaching(CategoryModelInUse? shipped, int minimumExamples = 20) => new(
        _store, new InMemoryComplaintCatalog(_complaints), _complaints, TriagePolicy.Default, new CategoryModels(_store, shipped),
        new CategoryModelOptions { MinimumExamples = minimumExamples }, _time);

    [Fact]
    public async Task Resolved_and_corrected_complaints_are_examples_open_and_erased_ones_are_not()
    {
        await Add(OpenComplaint("resolved") with { Status = ComplaintStatus.Resolved, Text = "Charged twice for March." });
        await Add(OpenComplaint("corrected") with { Text = "The parcel never came." }, CategoryTeaching.CategoryCorrected, "delivery");
        await Add(OpenComplaint("open") with { Text = "Still waiting." });
        await Add(OpenComplaint("erased") with { Status = ComplaintStatus.Resolved, Text = "[erased]", ErasedAt = Received.AddDays(3) });

        var examples = await Teaching(null).ExamplesAsync(CancellationToken.None);

        Assert.Equal([("Charged twice for March.", "billing"), ("The parcel never came.", "delivery")], examples.Select(e => (e.Text, e.Label)).Order());
    }

    [Fact]
    public async Task An_imported_file_with_quoted_chinese_and_english_rows_is_stored_and_read_as_examples()
    {
        var csv = "text,category\n\"账单多扣了200元，要求退款\",billing\n\"Engineer was rude, and \"\"late\"\"\nagain\",staff-attitude\n";

        var result = await Teaching(null).ImportAsync(csv, CancellationToken.None);

        Assert.Equal(2, result.Rows);
        Assert.Empty(result.Errors);
        var examples = await Teaching(null).ExamplesAsync(CancellationToken.None);
        Assert.Equal(["Engineer was rude, and \"late\"\nagain", "账单多扣了200元，要求退款"], examples.Select(e => e.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_refused_whole_naming_the_line()
    {
        var csv = "text,category\nfine row,billing\nno such category,flights\n,billing\n\"open quote,billing\n";

        var result = await Teaching(null).ImportAsync(csv, CancellationToken.None);

        Assert.Null(result.Name);
        Assert.Contains(result.Errors, e => e.StartsWith("line 3: category 'flights' is not in the triage policy", StringComparison.Ordinal));
        Assert.Contains("line 4: no text", result.Errors);
        Assert.Contains("line 5: a quoted field is not closed", result.Errors);
        Assert.Empty(await Teaching(null).ExamplesAsync(CancellationToken.None));
    }

    [Fact]
    public void The_held_out_share_is_stratified_and_seeded()
    {
        var rows = Tuning();
        var (training, heldOut) = CategoryRetraining.Split(rows, 0.2);
        var again = CategoryRetraining.Split(rows, 0.2);

        Assert.Equal(heldOut, again.HeldOut);
        Assert.Equal(rows.Count, training.Count + heldOut.Count);
        foreach (var group in rows.GroupBy(r => r.Label))
        {
            var held = heldOut.Count(r => r.Label == group.Key);
            Assert.Equal((int)Math.Round(group.Count() * 0.2, MidpointRounding.AwayFromZero), held);
        }
    }

    [Fact]
    public async Task A_retrained_model_that_scores_worse_on_the_held_out_share_is_refused_and_the_refusal_recorded()
    {
        await ImportTuningSet();
        // The current model has seen every example, the held-out share included: no candidate trained on 80 % beats it.
        var strong = LinearTextModelTrainer.Train(Tuning(), new ModelDescription("category", "strong", ""), CategoryRetraining.Training);

        var run = await Teaching(new CategoryModelInUse(strong, 1, "strong")).RetrainAsync(CancellationToken.None);

        Assert.Equal(CategoryRetrainOutcomes.Refused, run.Outcome);
        Assert.True(run.CandidateMacroF1 < run.CurrentMacroF1);
        Assert.Empty(await _store.VersionsAsync(CancellationToken.None));
        Assert.Null(await _store.CurrentAsync(CancellationToken.None));
        Assert.Equal(run, Assert.Single(_store.Runs));
    }

    [Fact]
    public async Task A_retrained_model_that_scores_better_is_stored_as_the_next_version_and_becomes_current()
    {
        await ImportTuningSet();
        // The current model learned shuffled labels: anything trained on the real ones beats it.
        var rows = Tuning();
        var labels = rows.Select(r => r.Label).ToArray();
        new Random(7).Shuffle(labels);
        var weak = LinearTextModelTrainer.Train([.. rows.Select((r, i) => r with { Label = labels[i] })], new ModelDescription("category", "weak", ""), CategoryRetraining.Training);
        var models = new CategoryModels(_store, new CategoryModelInUse(weak, 1, "weak"));
        var teaching = new CategoryTeaching(_store, new InMemoryComplaintCatalog(_complaints), _complaints, TriagePolicy.Default, models, new CategoryModelOptions { MinimumExamples = 20 }, _time);

        var run = await teaching.RetrainAsync(CancellationToken.None);

        Assert.Equal(CategoryRetrainOutcomes.Accepted, run.Outcome);
        Assert.True(run.CandidateMacroF1 > run.CurrentMacroF1);
        Assert.Equal("v1", run.NewVersion);
        var current = await _store.CurrentAsync(CancellationToken.None);
        Assert.Equal("v1", current?.Version);
        Assert.Equal(_time.GetUtcNow(), current!.TrainedAt);
        Assert.Equal(run.HeldOut, current.HeldOut);
        Assert.Equal("v1", models.CurrentVersion);
        Assert.NotSame(weak, models.Current!.Model);
        Assert.Equal(current.Weight, models.Current.Weight);
    }

    [Fact]
    public async Task Too_few_examples_train_nothing()
    {
        await Add(OpenComplaint("resolved") with { Status = ComplaintStatus.Resolved });

        var run = await Teaching(null).RetrainAsync(CancellationToken.None);

        Assert.Equal(CategoryRetrainOutcomes.NotEnoughExamples, run.Outcome);
        Assert.Empty(await _store.VersionsAsync(CancellationToken.None));
    }

    private async Task ImportTuningSet()
    {
        var csv = new StringBuilder("text,category\n");
        foreach (var row in Tuning())
        {
            csv.Append('"').Append(row.Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(row.Label).Append('\n');
        }

        var imported = await Teaching(null).ImportAsync(csv.ToString(), CancellationToken.None);
        Assert.Empty(imported.Errors);
    }

    private static List<LabelledText> Tuning() => [.. LabelledComplaint.Load("complaints-labelled.tsv").Select(c => new LabelledText(c.Text, c.Category))];

    private async Task Add(Complaint complaint, string? eventType = null, string? category = null)
    {
        var change = complaint.Change(Received.AddDays(1)).Record("received", Actors.System);
        if (eventType is not null)
        {
            change.Apply(c => c with { Triage = c.Triage! with { PrimaryCategory = category! } }).Record(eventType, Agent.Id);
        }

        Assert.True(await _complaints.TryCreateAsync(change, CancellationToken.None));
    }
}
