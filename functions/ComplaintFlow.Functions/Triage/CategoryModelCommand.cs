using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Functions.Triage;

/// <summary>
/// <c>ComplaintFlow.Functions category-model import &lt;file.csv&gt; | retrain | versions</c>: the app in a one-shot mode,
/// with the app's settings and storage, for the category model (docs/triage.md, "Category model").
/// <c>import</c> checks a <c>text,category</c> file (UTF-8) and stores it in Blob, or names every bad line and stores
/// nothing; <c>retrain</c> does what the timer does and prints the outcome; <c>versions</c> lists the stored
/// versions and the current one. <c>scripts/category-model.sh</c> runs it. Nothing it prints holds complaint text.
/// </summary>
public static class CategoryModelCommand
{
    public const string Verb = "category-model";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <returns>0 when done, 1 when the file or the retrain was refused, 2 on a usage error, 3 when storage cannot be reached.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, IConfiguration? configuration = null)
    {
        var action = args.Length > 1 ? args[1] : null;
        if (action is not ("import" or "retrain" or "versions") || (action == "import") != (args.Length == 3) || (action == "import" && !File.Exists(args[2])))
        {
            await output.WriteLineAsync($"Usage: {Verb} import <file.csv> | retrain | versions   (import: UTF-8, header 'text,category', an existing file)");
            return 2;
        }

        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().AddLocalSettings().Build();
        await using var services = ComplaintFlowApp.BuildServices(configuration);
        var teaching = services.GetRequiredService<CategoryTeaching>();
        try
        {
            // As the app does at start (locally; Bicep creates them in Azure): the tables and the models container exist.
            await ActivatorUtilities.CreateInstance<ComplaintFlow.Azure.Storage.StorageInitializer>(services).StartAsync(CancellationToken.None);
            switch (action)
            {
                case "import":
                    var imported = await teaching.ImportAsync(await File.ReadAllTextAsync(args[2], Encoding.UTF8), CancellationToken.None);
                    foreach (var error in imported.Errors)
                    {
                        await output.WriteLineAsync(error);
                    }

                    await output.WriteLineAsync(imported.Name is null
                        ? "refused: nothing imported"
                        : string.Create(CultureInfo.InvariantCulture, $"imported {imported.Rows} rows as {imported.Name}"));
                    return imported.Name is null ? 1 : 0;
                case "retrain":
                    var run = await teaching.RetrainAsync(CancellationToken.None);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{run.Outcome}: {run.Examples} examples ({run.Training} training, {run.HeldOut} held out); held-out macro-F1 candidate {run.CandidateMacroF1?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}, current ({run.CurrentVersion ?? "-"}) {run.CurrentMacroF1?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}{(run.NewVersion is null ? "" : $"; now current: {run.NewVersion}, weight {run.CandidateWeight:0.00}")}"));
                    await output.WriteLineAsync("examples per category: " + string.Join(", ", run.ExamplesPerCategory.Select(p => $"{p.Key} {p.Value}")));
                    return run.Outcome == CategoryRetrainOutcomes.Accepted ? 0 : 1;
                default:
                    var store = services.GetRequiredService<ICategoryModelStore>();
                    var current = await store.CurrentAsync(CancellationToken.None);
                    foreach (var version in await store.VersionsAsync(CancellationToken.None))
                    {
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{version.Version}{(version.Version == current?.Version ? " (current)" : "")}: trained {version.TrainedAt:u}, {version.Examples} examples, {version.HeldOut} held out, macro-F1 {version.ValidationMacroF1:0.000}, weight {version.Weight:0.00}"));
                    }

                    if (current is null)
                    {
                        await output.WriteLineAsync("no stored version is current: triage uses the shipped default (at the policy's categoryModel.weight; 0 = the keywords alone)");
                    }

                    return 0;
            }
        }
        catch (Exception e) when (e is global::Azure.RequestFailedException or AggregateException)
        {
            await output.WriteLineAsync($"Storage could not be reached ({e.GetType().Name}): start it (./run.sh starts Azurite) or check ComplaintFlow:Storage.");
            return 3;
        }
    }
}
