using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ComplaintFlow.Azure.Language;

/// <summary>
/// Sentiment from Azure AI Language (<c>POST {endpoint}/language/:analyze-text?api-version=2023-04-01</c>). Batches of
/// at most 10 documents, each cut to 5,120 text elements; the language detected first when unknown (zh_chs/zh_cht
/// map to zh-hans/zh-hant). Retries, Retry-After and timeouts come from the HttpClient's resilience handler. When
/// the service is down or rejects a document, the embedded <see cref="LexiconAnalyzer"/> scores it, and the result
/// says so (its Analyzer and Notes are recorded on the complaint).
/// </summary>
public sealed partial class AzureLanguageAnalyzer(
    HttpClient http,
    AzureLanguageOptions options,
    LexiconAnalyzer fallback,
    ILogger<AzureLanguageAnalyzer> logger,
    TokenCredential? credential = null) : ITextAnalyzer
{
    public const string AnalyzerName = "azure-language";
    public const string ApiVersion = "2023-04-01";
    public const int MaxDocumentsPerRequest = 10;
    public const int MaxTextElements = 5_120;

    private const string TokenScope = "https://cognitiveservices.azure.com/.default";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => AnalyzerName;

    public async Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        var results = new SentimentResult[documents.Count];
        var pending = new List<(int Index, Prepared Document)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var prepared = Prepare(documents[i], i);
            if (prepared.Text.Length == 0)
            {
                // The service rejects empty documents; there is nothing for it to score anyway.
                results[i] = fallback.Analyze(documents[i]);
            }
            else
            {
                pending.Add((i, prepared));
            }
        }

        foreach (var batch in pending.Chunk(MaxDocumentsPerRequest))
        {
            await AnalyzeBatchAsync(documents, batch, results, cancellationToken);
        }

        return results;
    }

    private async Task AnalyzeBatchAsync(IReadOnlyList<TextDocument> documents, (int Index, Prepared Document)[] batch, SentimentResult[] results, CancellationToken cancellationToken)
    {
        try
        {
            var unknown = batch.Where(b => b.Document.Language is null).ToArray();
            if (unknown.Length > 0)
            {
                var detected = await DetectAsync(unknown.Select(u => u.Document), cancellationToken);
                for (var k = 0; k < batch.Length; k++)
                {
                    if (batch[k].Document.Language is null && detected.TryGetValue(batch[k].Document.Id, out var language))
                    {
                        batch[k].Document.Language = language;
                    }
                }
            }

            var request = new AnalyzeRequest(
                "SentimentAnalysis",
                new AnalysisInput([.. batch.Select(b => new InputDocument(b.Document.Id, b.Document.Language ?? "en", b.Document.Text))]),
                new AnalysisParameters("latest"));
            var response = await PostAsync<SentimentResponse>(request, cancellationToken);
            var byId = response.Results?.Documents?.ToDictionary(d => d.Id, StringComparer.Ordinal) ?? [];
            var errors = response.Results?.Errors?.ToDictionary(e => e.Id, StringComparer.Ordinal) ?? [];
            foreach (var (index, prepared) in batch)
            {
                if (byId.TryGetValue(prepared.Id, out var scored))
                {
                    results[index] = ToResult(documents[index].Id, prepared, scored);
                }
                else
                {
                    var code = errors.TryGetValue(prepared.Id, out var error) ? error.Error?.Code ?? "error" : "no result";
                    results[index] = Fallback(documents[index], prepared, $"{AnalyzerName} could not score it ({code}): scored by the embedded lexicon");
                }
            }
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            LogUnavailable(logger, e.GetType().Name, (e as HttpRequestException)?.StatusCode);
            var reason = (e as HttpRequestException)?.StatusCode is { } status
                ? string.Create(CultureInfo.InvariantCulture, $"{AnalyzerName} unavailable ({(int)status}): scored by the embedded lexicon")
                : $"{AnalyzerName} unavailable ({DescribeFailure(e)}): scored by the embedded lexicon";
            foreach (var (index, prepared) in batch)
            {
                results[index] = Fallback(documents[index], prepared, reason);
            }
        }
    }

    private async Task<Dictionary<string, string?>> DetectAsync(IEnumerable<Prepared> documents, CancellationToken cancellationToken)
    {
        var request = new DetectRequest(
            "LanguageDetection",
            new DetectInput([.. documents.Select(d => new DetectDocument(d.Id, d.Text))]),
            new AnalysisParameters("latest"));
        var response = await PostAsync<DetectResponse>(request, cancellationToken);
        var languages = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var document in response.Results?.Documents ?? [])
        {
            languages[document.Id] = MapDetected(document.DetectedLanguage?.Iso6391Name);
        }

        return languages;
    }

    /// <summary>Language detection names Chinese zh_chs / zh_cht; sentiment analysis wants zh-hans / zh-hant.</summary>
    public static string? MapDetected(string? iso6391Name) => iso6391Name?.ToLowerInvariant() switch
    {
        null or "" or "(unknown)" => null,
        "zh_chs" => "zh-hans",
        "zh_cht" => "zh-hant",
        var other => other,
    };

    /// <summary>Our tags (zh-Hans, zh-Hant, en) in the service's spelling.</summary>
    public static string? MapLanguage(string? tag) => tag?.ToLowerInvariant() switch
    {
        null or "" => null,
        "zh" or "zh-cn" or "zh-sg" or "zh-hans" => "zh-hans",
        "zh-tw" or "zh-hk" or "zh-mo" or "zh-hant" => "zh-hant",
        var other => other,
    };

    private async Task<T> PostAsync<T>(object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.Endpoint!.TrimEnd('/') + "/"), $"language/:analyze-text?api-version={ApiVersion}"))
        {
            Content = JsonContent.Create(body, body.GetType(), options: Json),
        };
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
        }
        else if (credential is not null)
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([TokenScope]), cancellationToken);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Azure AI Language answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new JsonException("Azure AI Language answered with an empty body.");
    }

    private static Prepared Prepare(TextDocument document, int index)
    {
        var prepared = TextInspection.Prepare(document.Text, maxCharacters: int.MaxValue);
        var text = prepared.Text;
        var notes = prepared.Findings.HasFlag(TextFindings.Html) ? new List<string> { "HTML markup removed before scoring" } : [];
        var elements = new StringInfo(text);
        if (elements.LengthInTextElements > MaxTextElements)
        {
            text = elements.SubstringByTextElements(0, MaxTextElements);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"long text: {AnalyzerName} scored the first {MaxTextElements:N0} of {elements.LengthInTextElements:N0} characters"));
        }

        // Ids are positions: the service needs them unique within a request, and ours may not be.
        return new Prepared(index.ToString(CultureInfo.InvariantCulture), text, MapLanguage(document.Language), notes);
    }

    private SentimentResult ToResult(string id, Prepared prepared, SentimentDocument scored)
    {
        var scores = scored.ConfidenceScores ?? new ConfidenceScores(0, 1, 0);
        return new SentimentResult
        {
            DocumentId = id,
            Label = scored.Sentiment?.ToLowerInvariant() switch
            {
                "positive" => SentimentLabel.Positive,
                "negative" => SentimentLabel.Negative,
                "mixed" => SentimentLabel.Mixed,
                _ => SentimentLabel.Neutral,
            },
            Positive = scores.Positive,
            Neutral = scores.Neutral,
            Negative = scores.Negative,
            Compound = scores.Positive - scores.Negative,
            Language = prepared.Language,
            Analyzer = AnalyzerName,
            Notes = [.. prepared.Notes, .. (scored.Warnings ?? []).Select(w => $"{AnalyzerName}: {w.Message ?? w.Code}")],
        };
    }

    private SentimentResult Fallback(TextDocument document, Prepared prepared, string reason)
    {
        var result = fallback.Analyze(document);
        return result with { Notes = [reason, .. result.Notes], Language = result.Language ?? prepared.Language };
    }

    private static bool IsUnavailable(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException or JsonException => true,
        TaskCanceledException or OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string DescribeFailure(Exception e) => e switch
    {
        TimeoutRejectedException or TaskCanceledException or OperationCanceledException => "timeout",
        BrokenCircuitException => "circuit open",
        JsonException => "unreadable answer",
        _ => "unreachable",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language unavailable ({Failure}, status {Status}); the embedded lexicon scores this batch.")]
    private static partial void LogUnavailable(ILogger logger, string failure, HttpStatusCode? status);

    private sealed class Prepared(string id, string text, string? language, List<string> notes)
    {
        public string Id { get; } = id;
        public string Text { get; } = text;
        public string? Language { get; set; } = language;
        public IReadOnlyList<string> Notes { get; } = notes;
    }

    // The documented wire format (Azure AI Language REST, analyze-text 2023-04-01).
    private sealed record AnalyzeRequest(string Kind, AnalysisInput AnalysisInput, AnalysisParameters Parameters);

    private sealed record AnalysisInput(IReadOnlyList<InputDocument> Documents);

    private sealed record InputDocument(string Id, string Language, string Text);

    private sealed record AnalysisParameters(string ModelVersion);

    private sealed record DetectRequest(string Kind, DetectInput AnalysisInput, AnalysisParameters Parameters);

    private sealed record DetectInput(IReadOnlyList<DetectDocument> Documents);

    private sealed record DetectDocument(string Id, string Text);

    private sealed record SentimentResponse(string? Kind, SentimentResults? Results);

    private sealed record SentimentResults(IReadOnlyList<SentimentDocument>? Documents, IReadOnlyList<DocumentError>? Errors, string? ModelVersion);

    private sealed record SentimentDocument(string Id, string? Sentiment, ConfidenceScores? ConfidenceScores, IReadOnlyList<Warning>? Warnings);

    private sealed record ConfidenceScores(double Positive, double Neutral, double Negative);

    private sealed record Warning(string? Code, string? Message);

    private sealed record DocumentError(string Id, ErrorDetail? Error);

    private sealed record ErrorDetail(string? Code, string? Message);

    private sealed record DetectResponse(string? Kind, DetectResults? Results);

    private sealed record DetectResults(IReadOnlyList<DetectedDocument>? Documents, IReadOnlyList<DocumentError>? Errors);

    private sealed record DetectedDocument(string Id, DetectedLanguage? DetectedLanguage);

    private sealed record DetectedLanguage(string? Name, string? Iso6391Name, double ConfidenceScore);
}
