using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Language;

/// <summary>
/// Azure AI Language on 127.0.0.1, speaking the documented analyze-text JSON (2023-04-01): SentimentAnalysis and
/// LanguageDetection. It scores by a few words, and can be told to fail the next calls with a status and Retry-After.
/// </summary>
public sealed class AzureLanguageFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(HttpStatusCode Status, string? RetryAfter)> _faults = new();

    private AzureLanguageFake(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;
    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    /// <summary>Answer every call with this status (the service is down).</summary>
    public HttpStatusCode? AlwaysFailWith { get; set; }

    public void FailNext(HttpStatusCode status, string? retryAfter = null) => _faults.Enqueue((status, retryAfter));

    public static async Task<AzureLanguageFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new AzureLanguageFake(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        Calls.Enqueue(new ReceivedCall(
            DateTimeOffset.UtcNow,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers["Ocp-Apim-Subscription-Key"].ToString(),
            body!));

        if (context.Request.Path != "/language/:analyze-text" || context.Request.Query["api-version"] != "2023-04-01")
        {
            context.Response.StatusCode = 404;
            return;
        }

        (HttpStatusCode Status, string? RetryAfter)? failure = AlwaysFailWith is { } down ? (down, null)
            : _faults.TryDequeue(out var next) ? next : null;
        if (failure is { } fault)
        {
            context.Response.StatusCode = (int)fault.Status;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }

            await context.Response.WriteAsJsonAsync(new { error = new { code = "Throttled", message = "Rate limit is exceeded." } });
            return;
        }

        var kind = body!["kind"]!.GetValue<string>();
        var documents = body["analysisInput"]!["documents"]!.AsArray();
        var answer = kind switch
        {
            "LanguageDetection" => Detect(documents),
            "SentimentAnalysis" => Sentiment(documents),
            _ => null,
        };
        if (answer is null)
        {
            context.Response.StatusCode = 400;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private static JsonObject Detect(JsonArray documents) => new()
    {
        ["kind"] = "LanguageDetectionResults",
        ["results"] = new JsonObject
        {
            ["documents"] = new JsonArray([.. documents.Select(d =>
            {
                var text = d!["text"]!.GetValue<string>();
                var (name, iso) = text.Any(c => c is '們' or '話' or '費' or '電') ? ("Chinese_Traditional", "zh_cht")
                    : text.Any(c => c >= '\u4E00' && c <= '\u9FFF') ? ("Chinese_Simplified", "zh_chs")
                    : ("English", "en");
                return (JsonNode)new JsonObject
                {
                    ["id"] = d["id"]!.GetValue<string>(),
                    ["detectedLanguage"] = new JsonObject { ["name"] = name, ["iso6391Name"] = iso, ["confidenceScore"] = 0.99 },
                    ["warnings"] = new JsonArray(),
                };
            })]),
            ["errors"] = new JsonArray(),
            ["modelVersion"] = "2022-10-01",
        },
    };

    private static JsonObject Sentiment(JsonArray documents)
    {
        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var d in documents)
        {
            var id = d!["id"]!.GetValue<string>();
            var language = d["language"]!.GetValue<string>();
            if (language is not ("en" or "zh-hans" or "zh-hant"))
            {
                errors.Add(new JsonObject
                {
                    ["id"] = id,
                    ["error"] = new JsonObject { ["code"] = "InvalidArgument", ["message"] = "Invalid Language Code.", ["innererror"] = new JsonObject { ["code"] = "UnsupportedLanguageCode" } },
                });
                continue;
            }

            var text = d["text"]!.GetValue<string>();
            var negative = text.Contains("terrible", StringComparison.OrdinalIgnoreCase) || text.Contains('差');
            var positive = text.Contains("great", StringComparison.OrdinalIgnoreCase) || text.Contains('好');
            var (label, pos, neu, neg) = (negative, positive) switch
            {
                (true, true) => ("mixed", 0.45, 0.1, 0.45),
                (true, false) => ("negative", 0.02, 0.08, 0.9),
                (false, true) => ("positive", 0.93, 0.05, 0.02),
                _ => ("neutral", 0.1, 0.85, 0.05),
            };
            results.Add(new JsonObject
            {
                ["id"] = id,
                ["sentiment"] = label,
                ["confidenceScores"] = new JsonObject { ["positive"] = pos, ["neutral"] = neu, ["negative"] = neg },
                ["sentences"] = new JsonArray(),
                ["warnings"] = new JsonArray(),
            });
        }

        return new JsonObject
        {
            ["kind"] = "SentimentAnalysisResults",
            ["results"] = new JsonObject { ["documents"] = results, ["errors"] = errors, ["modelVersion"] = "2022-11-01" },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedCall(DateTimeOffset At, string PathAndQuery, string Key, JsonNode Body)
{
    public string Kind => Body["kind"]!.GetValue<string>();
    public JsonArray Documents => Body["analysisInput"]!["documents"]!.AsArray();
}
