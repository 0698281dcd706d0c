using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Contacts;

/// <summary>The whole app: triage records every contact and raises a repeat complainant, whatever the channel's form.</summary>
public sealed class RepeatContactPipelineTests
{
    [Fact]
    public async Task Second_complaint_from_the_same_person_is_scored_as_a_repeat_contact_with_its_reasons()
    {
        await using var host = await AppHost.StartAsync();

        var first = await SubmitAndWaitForScoreAsync(host, new { email = "zhao.lei@example.com", text = "宽带又断网了，已经三天了。" });
        var second = await SubmitAndWaitForScoreAsync(host, new { email = "Zhao.Lei@Example.com", text = "宽带还是断网，再不修好我就打工信部投诉！" });

        Assert.DoesNotContain(first.Triage!.Reasons, r => r.Rule == "repeat-contact");
        Assert.Contains(second.Triage!.Reasons, r => r.Rule == "repeat-contact" && r.Description == "repeat contact (2nd in 30 days)");
        Assert.Contains("threatens to contact 工信部", second.Triage.Explanation, StringComparison.Ordinal);
        Assert.True(second.Triage.Priority < first.Triage.Priority);

        var history = await host.Complaints.GetHistoryAsync(second.Id, CancellationToken.None);
        var scored = Assert.Single(history, e => e.Type == EventTypes.Scored);
        // The default: the lexicon with the learned sentiment model beside it (docs/triage.md, "Learned model").
        Assert.Equal(BlendedAnalyzer.AnalyzerName, scored.Data["analyzer"]);
        Assert.Contains("repeat contact (2nd in 30 days)", scored.Data["explanation"], StringComparison.Ordinal);
    }

    private static async Task<Complaint> SubmitAndWaitForScoreAsync(AppHost host, object submission)
    {
        var accepted = await (await host.SubmitAsync(submission)).Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        return await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.Triage is not null,
            "the complaint to be scored");
    }
}
