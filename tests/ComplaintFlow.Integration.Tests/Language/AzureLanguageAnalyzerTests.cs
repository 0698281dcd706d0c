using System.Globalization;
using System.Net;
using ComplaintFlow.Azure;
using ComplaintFlow.Azure.Language;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Integration.Tests.Language;

/// <summary>The Azure AI Language client, built by the app's own registration, against a fake speaking the documented JSON.</summary>
public sealed class AzureLanguageAnalyzerTests : IAsyncLifetime
{
    private AzureLanguageFake _fake = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _fake = await AzureLanguageFake.StartAsync();
        _services = Build(new() { ["ComplaintFlow:Language:Endpoint"] = _fake.Address.ToString(), ["ComplaintFlow:Language:Key"] = "test-key" });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddComplaintFlowTriage(configuration);
        return services.BuildServiceProvider();
    }

    private ITextAnalyzer Analyzer => _services.GetRequiredService<ITextAnalyzer>();

    private static TextDocument[] Documents(int count, string text = "The service was terrible", string? language = "en") =>
        [.. Enumerable.Range(0, count).Select(i => new TextDocument($"c{i}", text, language))];

    [Fact]
    public async Task Sends_the_documented_request_and_reads_the_documented_answer()
    {
        var results = await Analyzer.AnalyzeAsync(
            [new TextDocument("a", "The service was terrible", "en"), new TextDocument("b", "服务很好", "zh-Hans")], CancellationToken.None);

        var call = Assert.Single(_fake.Calls);
        Assert.Equal("/language/:analyze-text?api-version=2023-04-01", call.PathAndQuery);
        Assert.Equal("test-key", call.Key);
        Assert.Equal("SentimentAnalysis", call.Kind);
        Assert.Equal("latest", call.Body["parameters"]!["modelVersion"]!.GetValue<string>());
        Assert.Equal(["en", "zh-hans"], call.Documents.Select(d => d!["language"]!.GetValue<string>()));

        Assert.Equal(SentimentLabel.Negative, results[0].Label);
        Assert.Equal(0.9, results[0].Negative);
        Assert.Equal("a", results[0].DocumentId);
        Assert.Equal(SentimentLabel.Positive, results[1].Label);
        Assert.All(results, r => Assert.Equal(AzureLanguageAnalyzer.AnalyzerName, r.Analyzer));
    }

    [Fact]
    public async Task Sends_at_most_ten_documents_per_call()
    {
        var results = await Analyzer.AnalyzeAsync(Documents(23), CancellationToken.None);

        Assert.Equal([10, 10, 3], _fake.Calls.Select(c => c.Documents.Count));
        Assert.Equal(23, results.Count);
        Assert.All(results, r => Assert.Equal(SentimentLabel.Negative, r.Label));
    }

    [Fact]
    public async Task Detects_the_language_first_when_unknown_and_maps_chinese_codes()
    {
        var results = await Analyzer.AnalyzeAsync(
            [new TextDocument("t", "你們的電話費太差了", null), new TextDocument("s", "服务太差了", null), new TextDocument("e", "terrible", null)], CancellationToken.None);

        var calls = _fake.Calls.ToArray();
        Assert.Equal(["LanguageDetection", "SentimentAnalysis"], calls.Select(c => c.Kind));
        Assert.Equal(["zh-hant", "zh-hans", "en"], calls[1].Documents.Select(d => d!["language"]!.GetValue<string>()));
        Assert.Equal("zh-hant", results[0].Language);
    }

    [Fact]
    public async Task Long_text_is_cut_to_5120_text_elements_and_the_result_says_so()
    {
        // Emoji are two UTF-16 chars but one text element: the limit counts elements, as the service does.
        var text = "terrible " + string.Concat(Enumerable.Repeat("😀", 6000));
        var result = (await Analyzer.AnalyzeAsync([new TextDocument("long", text, "en")], CancellationToken.None))[0];

        var sent = Assert.Single(_fake.Calls).Documents[0]!["text"]!.GetValue<string>();
        Assert.Equal(5_120, new StringInfo(sent).LengthInTextElements);
        Assert.Contains(result.Notes, n => n.Contains("scored the first 5,120 of 6,009", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_the_service_asks_for()
    {
        _fake.FailNext(HttpStatusCode.TooManyRequests, retryAfter: "1");

        var result = (await Analyzer.AnalyzeAsync(Documents(1), CancellationToken.None))[0];

        var calls = _fake.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        Assert.Equal(AzureLanguageAnalyzer.AnalyzerName, result.Analyzer);
    }

    [Fact]
    public async Task When_the_service_is_down_the_lexicon_scores_and_the_result_says_why()
    {
        _fake.AlwaysFailWith = HttpStatusCode.ServiceUnavailable;

        var result = (await Analyzer.AnalyzeAsync([new TextDocument("d", "客服态度非常差", "zh-Hans")], CancellationToken.None))[0];

        Assert.True(_fake.Calls.Count > 1, "a 503 is retried before giving up");
        Assert.Equal(LexiconAnalyzer.AnalyzerName, result.Analyzer);
        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Contains("azure-language unavailable (503): scored by the embedded lexicon", result.Notes);
    }

    [Fact]
    public async Task A_document_the_service_rejects_is_scored_by_the_lexicon_with_the_error_code()
    {
        var results = await Analyzer.AnalyzeAsync(
            [new TextDocument("ok", "terrible", "en"), new TextDocument("fr", "C'est terrible", "fr")], CancellationToken.None);

        Assert.Equal(AzureLanguageAnalyzer.AnalyzerName, results[0].Analyzer);
        Assert.Equal(LexiconAnalyzer.AnalyzerName, results[1].Analyzer);
        Assert.Contains("azure-language could not score it (InvalidArgument): scored by the embedded lexicon", results[1].Notes);
    }

    [Fact]
    public async Task Empty_text_is_not_sent()
    {
        var result = (await Analyzer.AnalyzeAsync([new TextDocument("e", "  ", "en")], CancellationToken.None))[0];

        Assert.Empty(_fake.Calls);
        Assert.Equal(SentimentLabel.Neutral, result.Label);
        Assert.Contains("empty text: nothing to score", result.Notes);
    }

    [Fact]
    public void Without_an_endpoint_the_embedded_lexicon_blended_with_the_learned_model_is_used()
    {
        using var services = Build([]);
        Assert.IsType<BlendedAnalyzer>(services.GetRequiredService<ITextAnalyzer>());
    }

    [Fact]
    public void A_bad_endpoint_fails_validation_naming_the_key()
    {
        using var services = Build(new() { ["ComplaintFlow:Language:Endpoint"] = "not a url" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureLanguageOptions>>().Value);
        Assert.Contains("ComplaintFlow:Language:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_policy_file_fails_validation_naming_the_setting_and_the_rule_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "rules": [ { "id": "x", "kind": "keywords", "description": "d", "weight": -1, "keywords": [ "a" ] } ], "categories": [ { "id": "c", "keywords": [ "b" ] } ] }""");
        try
        {
            using var services = Build(new() { ["ComplaintFlow:Triage:PolicyPath"] = path });
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TriageOptions>>().Value);
            Assert.Contains("ComplaintFlow:Triage:PolicyPath", error.Message, StringComparison.Ordinal);
            Assert.Contains("rules[0].weight: must not be negative", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
