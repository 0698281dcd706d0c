using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// Correcting triage's category and sentiment on the real app and Azurite (<c>POST .../triage-correction</c>): the
/// corrected category is what search's <c>cat:</c> facet and the dashboard count; a category the policy does not have
/// or an unknown sentiment is 400 problem+json naming each field with nothing written; a page a colleague changed since
/// is 412; no version is 428.
/// </summary>
public sealed class TriageCorrectionApiTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> TriagedAsync(string key, string text)
    {
        var response = await _host.SubmitAsync(new { name = "Li Lei", email = $"{key}@example.com", text, language = "en" }, key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await AppHost.EventuallyAsync(
            async () => (await _host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "triage and acknowledgement",
            TimeSpan.FromSeconds(90));
        return id;
    }

    private static async Task<List<string>> FoundAsync(StaffSession staff, string query)
    {
        var response = await staff.GetAsync($"/api/portal/search?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("complaintId").GetString()!)];
    }

    [Fact]
    public async Task An_agent_corrects_the_category_and_sentiment_and_search_and_the_dashboard_follow_and_the_history_keeps_triages_value()
    {
        var id = await TriagedAsync("correct-1", "My bill doubled without notice. This is outrageous and I am furious.");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        var choices = await (await amy.GetAsync("/api/portal/triage-choices")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("metering", choices.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["positive", "neutral", "negative", "mixed"], choices.GetProperty("sentiments").EnumerateArray().Select(c => c.GetString()));
        var (before, _) = await amy.ComplaintAsync(id);
        Assert.Equal("billing", before.GetProperty("triage").GetProperty("primaryCategory").GetString());
        Assert.Equal([id], await FoundAsync(amy, "category=billing"));

        var response = await amy.ActAsync(id, "triage-correction", new { category = "metering", sentiment = "neutral", note = "The meter was misread." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("metering", page.GetProperty("triage").GetProperty("primaryCategory").GetString());
        Assert.Equal("Neutral", page.GetProperty("triage").GetProperty("sentiment").GetProperty("label").GetString());
        var history = await _host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        var category = Assert.Single(history, e => e.Type == TriageCorrectionEvents.CategoryCorrected);
        Assert.Equal(("amy@desk.example", "billing", "metering", "The meter was misread."), (category.Actor, category.Data["from"], category.Data["to"], category.Data["note"]));
        var sentiment = Assert.Single(history, e => e.Type == TriageCorrectionEvents.SentimentCorrected);
        Assert.Equal(("negative", "neutral"), (sentiment.Data["from"], sentiment.Data["to"]));
        Assert.Equal([id], await FoundAsync(amy, "category=metering"));
        Assert.Empty(await FoundAsync(amy, "category=billing"));
        var stats = await (await amy.GetAsync("/api/portal/stats?days=30")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, stats.GetProperty("byCategory").GetProperty("metering").GetInt32());
        Assert.False(stats.GetProperty("byCategory").TryGetProperty("billing", out _));
    }

    [Fact]
    public async Task Bad_input_is_400_naming_each_field_a_stale_page_is_412_and_neither_writes_anything()
    {
        var id = await TriagedAsync("correct-2", "My bill doubled without notice. This is outrageous and I am furious.");
        using var amy = await StaffSession.SignInAsync(_host, "amy@desk.example", "agent");
        using var sam = await StaffSession.SignInAsync(_host, "sam@desk.example", "agent", "supervisor");
        var events = (await _host.Complaints.GetHistoryAsync(id, CancellationToken.None)).Count;

        var bad = await amy.ActAsync(id, "triage-correction", new { category = "refunds", sentiment = "angry", note = new string('x', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["category", "note", "sentiment"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("billing", errors.GetProperty("category")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(events, (await _host.Complaints.GetHistoryAsync(id, CancellationToken.None)).Count);

        var (_, samsVersion) = await sam.ComplaintAsync(id);
        var (samsPage, _) = await sam.ComplaintAsync(id);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await amy.PostAsync($"/api/portal/complaints/{id}/triage-correction", new { category = "delivery" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await amy.PostAsync($"/api/portal/complaints/{id}/triage-correction", new { category = "delivery" }, samsVersion, withAntiforgery: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(id, "triage-correction", new { category = "delivery" })).StatusCode);
        var written = (await _host.Complaints.GetHistoryAsync(id, CancellationToken.None)).Count;

        var stale = await sam.PostAsync($"/api/portal/complaints/{id}/triage-correction", new { category = "outage" }, samsVersion,
            seenSequence: samsPage.GetProperty("lastSequence").GetInt32());

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("amy@desk.example", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(written, (await _host.Complaints.GetHistoryAsync(id, CancellationToken.None)).Count);
        Assert.Equal("delivery", (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint.Triage!.PrimaryCategory);
    }
}
