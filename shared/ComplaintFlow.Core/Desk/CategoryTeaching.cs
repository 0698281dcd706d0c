using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The desk teaches triage its categories (docs/triage.md, "Category model"). Examples are complaints whose category a
/// person confirmed: resolved (or closed) complaints, with the category they had when resolved, and complaints whose
/// category staff corrected (event <see cref="CategoryCorrected"/>), with the category as it stands; plus the rows of
/// every imported <c>text,category</c> file. Erased complaints are never read. <see cref="RetrainAsync"/> trains a
/// candidate, validates it on a held-out share and stores it as the next version only when it is not worse than the
/// current model on the same rows (<see cref="CategoryRetraining"/>); every run is recorded without text.
/// </summary>
public sealed class CategoryTeaching(
    ICategoryModelStore store,
    IComplaintCatalog catalog,
    IComplaintStore complaints,
    TriagePolicy policy,
    CategoryModels models,
    CategoryModelOptions options,
    TimeProvider time)
{
    /// <summary>The event the desk records when staff change a complaint's category.</summary>
    public const string CategoryCorrected = "category-corrected";

    public async Task<IReadOnlyList<LabelledText>> ExamplesAsync(CancellationToken cancellationToken)
    {
        var examples = new List<LabelledText>();
        var now = time.GetUtcNow();
        await foreach (var complaint in catalog.ReceivedBetweenAsync(now.AddDays(-options.ExampleWindowDays), now.AddMinutes(1), cancellationToken))
        {
            if (complaint.ErasedAt is not null || complaint.Triage is not { } triage || string.IsNullOrWhiteSpace(complaint.Text))
            {
                continue;
            }

            var confirmed = complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed
                || (complaint.Status is not ComplaintStatus.Received
                    && (await complaints.GetHistoryAsync(complaint.Id, cancellationToken)).Any(e => e.Type == CategoryCorrected));
            if (confirmed)
            {
                examples.Add(new LabelledText(complaint.Text, triage.PrimaryCategory));
            }
        }

        await foreach (var import in store.ImportsAsync(cancellationToken))
        {
            // Checked when imported; a category the policy has since lost is skipped, not an error.
            examples.AddRange(LabelledCsv.Parse(import.Csv, policy).Rows);
        }

        return examples;
    }

    /// <summary>Checks a <c>text,category</c> file and stores it; nothing is stored when any row is wrong.</summary>
    public async Task<CategoryImportResult> ImportAsync(string csv, CancellationToken cancellationToken)
    {
        var parsed = LabelledCsv.Parse(csv, policy);
        if (parsed.Errors.Count > 0 || parsed.Rows.Count == 0)
        {
            return new CategoryImportResult(null, 0, parsed.Errors.Count > 0 ? parsed.Errors : ["no rows"]);
        }

        var name = await store.ImportAsync(csv, time.GetUtcNow(), cancellationToken);
        return new CategoryImportResult(name, parsed.Rows.Count, []);
    }

    public async Task<CategoryRetrainRun> RetrainAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await models.RefreshAsync(cancellationToken);
        var examples = await ExamplesAsync(cancellationToken);
        var perCategory = examples.GroupBy(e => e.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        CategoryRetrainRun run;
        if (examples.Count < options.MinimumExamples || perCategory.Count < 2)
        {
            run = new CategoryRetrainRun(now, CategoryRetrainOutcomes.NotEnoughExamples, examples.Count, 0, 0, null, null, models.Current?.Version ?? "keywords", null, null, perCategory);
        }
        else
        {
            var description = new ModelDescription(
                "category",
                string.Create(CultureInfo.InvariantCulture, $"category-{now:yyyyMMddTHHmmssZ}-{examples.Count}"),
                string.Create(CultureInfo.InvariantCulture, $"retrained from {examples.Count} examples ({perCategory.Count} categories), {options.HoldOutShare:0.##} held out, seed {CategoryRetraining.Seed}"));
            var candidate = CategoryRetraining.Validate(examples, models.Current, options.HoldOutShare, policy, description);
            string? added = null;
            if (candidate.Accept)
            {
                var version = await store.AddAsync(candidate.Model, now, candidate.Training, candidate.HeldOut, candidate.MacroF1, candidate.Weight, cancellationToken);
                await store.SetCurrentAsync(version.Version, cancellationToken);
                added = version.Version;
            }

            run = new CategoryRetrainRun(
                now,
                candidate.Accept ? CategoryRetrainOutcomes.Accepted : CategoryRetrainOutcomes.Refused,
                examples.Count,
                candidate.Training,
                candidate.HeldOut,
                Math.Round(candidate.MacroF1, 4),
                Math.Round(candidate.CurrentMacroF1, 4),
                models.Current?.Version ?? "keywords",
                added,
                candidate.Weight,
                perCategory);
            if (added is not null)
            {
                await models.RefreshAsync(cancellationToken);
            }
        }

        await store.RecordRunAsync(run, cancellationToken);
        return run;
    }
}

/// <param name="Name">The stored file's name; null when the file was refused.</param>
public sealed record CategoryImportResult(string? Name, int Rows, IReadOnlyList<string> Errors);
