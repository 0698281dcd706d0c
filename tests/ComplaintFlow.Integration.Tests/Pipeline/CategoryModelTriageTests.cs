using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Pipeline;

/// <summary>
/// The running app follows the category model's "current" pointer in Blob (docs/triage.md, "Category model"): a
/// version stored and made current while it runs decides the next complaints' category, with its reason.
/// </summary>
public sealed class CategoryModelTriageTests
{
    [Fact]
    public async Task A_version_made_current_in_blob_is_picked_up_by_triage_and_named_in_the_reason()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["ComplaintFlow:CategoryModel:RefreshInterval"] = "00:00:10" });
        // An organisation's words no keyword knows: "zorvex" complaints are about delivery, "flarn" ones about metering.
        var rows = Enumerable.Range(0, 30).SelectMany(i => new[] { new LabelledText($"zorvex quibble {i}", "delivery"), new LabelledText($"flarn odo {i}", "metering") }).ToList();
        var model = LinearTextModelTrainer.Train(rows, new ModelDescription("category", "org-1", ""), CategoryRetraining.Training);
        var store = host.Services.GetRequiredService<ICategoryModelStore>();
        var version = await store.AddAsync(model, DateTimeOffset.UtcNow, rows.Count, 0, 1, 0.9, CancellationToken.None);
        await store.SetCurrentAsync(version.Version, CancellationToken.None);

        // Within a refresh interval or two the worker loads v1; each probe is a new complaint, scored by the pipeline.
        var attempt = 0;
        var triage = await AppHost.EventuallyAsync(
            async () =>
            {
                var accepted = await (await host.SubmitAsync(new { email = "org@example.com", text = "zorvex quibble again, third week" }, $"cat-{++attempt}"))
                    .Content.ReadFromJsonAsync<JsonElement>();
                var id = accepted.GetProperty("id").GetString()!;
                return (await AppHost.EventuallyAsync(
                    async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
                    c => c?.Triage is not null,
                    "the complaint scored")).Triage;
            },
            t => t?.PrimaryCategory == "delivery",
            "a complaint categorised by the stored model",
            TimeSpan.FromSeconds(90));

        var reason = Assert.Single(triage!.Reasons, r => r.Rule == "category");
        Assert.StartsWith("category: ", reason.Description, StringComparison.Ordinal);
        Assert.EndsWith("; no keyword)", reason.Description, StringComparison.Ordinal);
        Assert.Contains("(model 0.", reason.Description, StringComparison.Ordinal);
    }
}
