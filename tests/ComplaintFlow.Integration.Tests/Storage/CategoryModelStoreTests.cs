using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Azure.Triage;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Functions.Triage;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace ComplaintFlow.Integration.Tests.Storage;

/// <summary>
/// The category model in Blob on Azurite (docs/triage.md, "Category model"): versions with their figures, the
/// pointer triage follows, imports, and the <c>category-model</c> command as scripts/category-model.sh runs it:
/// a retrained model that scores worse than the current one is refused, one that scores better is taken.
/// </summary>
public sealed class CategoryModelStoreTests(ITestOutputHelper testOutput)
{
    private static readonly DateTimeOffset TrainedAt = new(2026, 12, 8, 3, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Versions_are_numbered_with_their_figures_and_the_pointer_names_the_current_one()
    {
        var container = new BlobContainerClient((await Azurite.SharedAsync()).ConnectionString, Names.Unique("models"));
        await container.CreateAsync();
        var store = new BlobCategoryModelStore(container);
        var models = new CategoryModels(store, shipped: null);
        Assert.Null(await store.CurrentAsync(CancellationToken.None));
        Assert.False(await models.RefreshAsync(CancellationToken.None));

        var first = await store.AddAsync(Train("a"), TrainedAt, 80, 20, 0.71, 0.35, CancellationToken.None);
        var second = await store.AddAsync(Train("b"), TrainedAt.AddDays(1), 90, 22, 0.765, 0.6, CancellationToken.None);
        await store.SetCurrentAsync(second.Version, CancellationToken.None);

        Assert.Equal(["v1", "v2"], (await store.VersionsAsync(CancellationToken.None)).Select(v => v.Version));
        Assert.Equal(new CategoryModelVersion("v2", TrainedAt.AddDays(1), 90, 22, 0.765, 0.6), await store.CurrentAsync(CancellationToken.None));
        Assert.Equal("v1", first.Version);
        Assert.True(await models.RefreshAsync(CancellationToken.None));
        Assert.Equal("v2", models.CurrentVersion);
        Assert.Equal("b", models.Current!.Model.Description.Version);
        Assert.Equal(0.6, models.Current.Weight);
        Assert.False(await models.RefreshAsync(CancellationToken.None));

        // The same file imported twice is one import; a run is recorded.
        Assert.Equal(await store.ImportAsync("text,category\nx,billing\n", TrainedAt, CancellationToken.None), await store.ImportAsync("text,category\nx,billing\n", TrainedAt, CancellationToken.None));
        Assert.Single(await store.ImportsAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Retrain_refuses_a_model_worse_than_the_shipped_one_and_takes_a_better_one()
    {
        var azurite = await Azurite.SharedAsync();
        var prefix = $"cm{Guid.NewGuid():N}"[..14];
        var file = Path.Combine(Path.GetTempPath(), $"{prefix}-tuning.csv");

        // A policy that counts the shipped model alone (weight 1); the tuning set, which the shipped model was trained
        // on whole: a model trained on 80 % of it scores worse on the other 20 % than the shipped one.
        var policy = Path.Combine(Path.GetTempPath(), $"{prefix}-policy.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(TriageData.Open("triage-policy.json"))!;
        json["categoryModel"]!["weight"] = 1;
        await File.WriteAllTextAsync(policy, json.ToJsonString());
        await File.WriteAllTextAsync(file, Csv(LabelledRows("complaints-labelled.tsv")), Encoding.UTF8);
        var imported = await RunAsync(azurite, prefix, "category-model", "import", file);
        Assert.Equal(0, imported.Exit);
        Assert.Contains("imported 311 rows", imported.Output, StringComparison.Ordinal);

        var refused = await RunAsync(azurite, prefix, ["category-model", "retrain"], policy);
        testOutput.WriteLine(refused.Output);
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("refused: 311 examples", refused.Output, StringComparison.Ordinal);
        Assert.Contains("current (shipped) 1.000", refused.Output, StringComparison.Ordinal);
        Assert.Contains("no stored version is current", (await RunAsync(azurite, prefix, "category-model", "versions")).Output, StringComparison.Ordinal);
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"{prefix}-models");
        var runs = await container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "category/runs/", CancellationToken.None).ToListAsync();
        var record = (await container.GetBlobClient(Assert.Single(runs).Name).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"outcome\":\"refused\"", record, StringComparison.Ordinal);
        Assert.DoesNotContain("账单", record, StringComparison.Ordinal);

        // A history in words the shipped model never saw (an organisation's own): the retrained model is better and taken.
        var own = Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            ($"zorvex blim {i}", "billing"),
            ($"quibble tarn {i}", "delivery"),
            ($"flarn odo {i}", "metering"),
        }).ToList();
        await File.WriteAllTextAsync(file, Csv(own), Encoding.UTF8);
        var secondPrefix = $"cn{Guid.NewGuid():N}"[..14];
        Assert.Equal(0, (await RunAsync(azurite, secondPrefix, "category-model", "import", file)).Exit);
        var taken = await RunAsync(azurite, secondPrefix, "category-model", "retrain");
        testOutput.WriteLine(taken.Output);
        Assert.Equal(0, taken.Exit);
        Assert.StartsWith("accepted: 120 examples (96 training, 24 held out)", taken.Output, StringComparison.Ordinal);
        Assert.Contains("now current: v1", taken.Output, StringComparison.Ordinal);
        Assert.Contains("v1 (current)", (await RunAsync(azurite, secondPrefix, "category-model", "versions")).Output, StringComparison.Ordinal);

        var bad = Path.Combine(Path.GetTempPath(), $"{prefix}-bad.csv");
        await File.WriteAllTextAsync(bad, "text,category\nfine,billing\nwhat,flights\n", Encoding.UTF8);
        var refusedFile = await RunAsync(azurite, secondPrefix, "category-model", "import", bad);
        Assert.Equal(1, refusedFile.Exit);
        Assert.Contains("line 3: category 'flights' is not in the triage policy", refusedFile.Output, StringComparison.Ordinal);
        File.Delete(file);
        File.Delete(bad);
        File.Delete(policy);
    }

    private static LinearTextModel Train(string version) => LinearTextModelTrainer.Train(
        [new LabelledText("bill wrong", "billing"), new LabelledText("no power", "outage"), new LabelledText("charged twice", "billing"), new LabelledText("power cut", "outage")],
        new ModelDescription("category", version, ""), new TrainingOptions { Bits = 10, Epochs = 2 });

    private static List<(string Text, string Category)> LabelledRows(string file) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Triage", "Data", file), Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Select(f => (f[5], f[3]))];

    private static string Csv(IEnumerable<(string Text, string Category)> rows) =>
        "text,category\n" + string.Concat(rows.Select(r => $"\"{r.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{r.Category}\n"));

    private static Task<(int Exit, string Output)> RunAsync(Azurite azurite, string prefix, params string[] args) => RunAsync(azurite, prefix, args, policyPath: null);

    /// <summary>The command as Program.cs runs it, with the app's storage settings (what local.settings.json gives it).</summary>
    private static async Task<(int Exit, string Output)> RunAsync(Azurite azurite, string prefix, string[] args, string? policyPath)
    {
        using var output = new StringWriter();
        var exit = await CategoryModelCommand.RunAsync(args, output, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComplaintFlow:Storage:ConnectionString"] = azurite.ConnectionString,
            ["ComplaintFlow:Storage:NamePrefix"] = prefix,
            ["ComplaintFlow:Triage:PolicyPath"] = policyPath,
        }).Build());
        return (exit, output.ToString());
    }
}
