using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Functions.Web;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ComplaintFlow.Functions.Intake;

/// <summary>HTTP trigger <c>POST /api/complaints</c>: the web form (JSON or a form post).</summary>
public sealed class IntakeFunction(WebFormIntake webForm, SafeguardingAdvice safeguarding, IOptions<IntakeOptions> options)
{
    public const string Name = "Intake";
    public const string IdempotencyHeader = "Idempotency-Key";

    [Function(Name)]
    public async Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        var body = await BufferedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge(limit);
        }

        if (!body.IsJson && !body.IsUrlEncodedForm && !body.IsMultipartForm)
        {
            return Problems.UnsupportedMediaType(request.ContentType, "application/json", "application/x-www-form-urlencoded", "multipart/form-data");
        }

        ComplaintSubmission submission;
        string? formKey = null;
        try
        {
            if (body.IsJson)
            {
                submission = JsonSerializer.Deserialize<ComplaintSubmission>(body.Content, JsonInput) ?? new ComplaintSubmission();
            }
            else
            {
                var (fields, _) = await body.ReadFormAsync(cancellationToken);
                submission = new ComplaintSubmission
                {
                    Name = fields.GetValueOrDefault("name"),
                    Email = fields.GetValueOrDefault("email"),
                    Phone = fields.GetValueOrDefault("phone"),
                    Subject = fields.GetValueOrDefault("subject"),
                    Text = fields.GetValueOrDefault("text"),
                    Language = fields.GetValueOrDefault("language"),
                    TimeZone = fields.GetValueOrDefault("timeZone"),
                    Place = fields.GetValueOrDefault("place"),
                    Account = fields.GetValueOrDefault("account"),
                    EventTime = fields.GetValueOrDefault("eventTime"),
                    Demand = fields.GetValueOrDefault("demand"),
                    DemandAmount = fields.GetValueOrDefault("demandAmount"),
                    DemandCurrency = fields.GetValueOrDefault("demandCurrency"),
                    DemandDetail = fields.GetValueOrDefault("demandDetail"),
                };
                // A form posted without script has an empty key: the server makes one (null), so the post is recorded
                // once as a complaint of its own, as any submission without a key is.
                formKey = fields.GetValueOrDefault("idempotencyKey") is { Length: > 0 } key ? key : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            if (!body.IsJson && PrefersHtml(request))
            {
                return RefusalPage(new ComplaintSubmission(), "form-unreadable", RequestLanguage.Preferred(request), StatusCodes.Status400BadRequest);
            }

            return Problems.Of(StatusCodes.Status400BadRequest, "The request body cannot be read.", body.IsJson
                ? "The body is not a JSON object with the complaint's fields (name, email, phone, subject, text, language, place, account, eventTime, demand, demandAmount, demandCurrency, demandDetail)."
                : $"The form body is malformed: {e.Message}");
        }

        var result = await webForm.SubmitAsync(
            submission,
            request.Headers[IdempotencyHeader].FirstOrDefault() ?? formKey,
            RequestLanguage.Preferred(request),
            request.HttpContext.Connection.RemoteIpAddress,
            new RawPayload(body.Content, body.ContentType, body.IsJson ? "json" : "form"),
            Telemetry.CurrentTraceParent,
            cancellationToken);
        // Without script the browser shows what it gets: the form again with the error summary, never JSON.
        var page = !body.IsJson && PrefersHtml(request);
        var pageLanguage = result.Language ?? SupportedLanguages.Normalise(submission.Language) ?? RequestLanguage.Preferred(request);
        switch (result.Outcome)
        {
            case WebFormOutcome.InvalidKey when page:
                return RefusalPage(submission, "form-resend", pageLanguage, StatusCodes.Status400BadRequest);
            case WebFormOutcome.RateLimited when page:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return RefusalPage(submission, "rate-limited", pageLanguage, StatusCodes.Status429TooManyRequests, (seconds + 59) / 60);
            case WebFormOutcome.KeyReused when page:
                return RefusalPage(submission, "form-resend", pageLanguage, StatusCodes.Status422UnprocessableEntity);
            case WebFormOutcome.InvalidKey:
                return Problems.Of(StatusCodes.Status400BadRequest, "Invalid idempotency key.",
                    $"{IdempotencyHeader} must be 1 to {WebFormIntake.MaxIdempotencyKeyLength} printable characters.");
            case WebFormOutcome.Invalid when page:
                return Results.Content(FormErrorPage.Render(submission, result.Errors, result.Language), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            case WebFormOutcome.Invalid:
                return Problems.Validation(result.Errors);
            case WebFormOutcome.RateLimited:
                return Problems.TooManyRequests(request.HttpContext.Response, result.RetryAfter, result.Language!);
            case WebFormOutcome.KeyReused:
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Idempotency key already used.",
                    $"The {IdempotencyHeader} was already used for a different complaint; use a new key for a new complaint.");
        }

        var outcome = result.Recorded!;
        if (outcome.Kind == IntakeOutcomeKind.Created)
        {
            Telemetry.Received.Add(1, new KeyValuePair<string, object?>("channel", "web"));
        }

        var reference = outcome.Complaint.Reference;
        var statusUrl = $"/status?reference={Uri.EscapeDataString(reference)}";
        if (!body.IsJson && PrefersHtml(request))
        {
            // A browser posting the form without script lands on the confirmation page.
            return Results.Redirect($"/submitted?reference={Uri.EscapeDataString(reference)}", permanent: false, preserveMethod: false);
        }

        // Words that say someone may be at risk: the confirmation gives who to call now, in the complaint's language.
        var emergency = safeguarding.For(outcome.Complaint);
        return Results.Json(
            new SubmissionAccepted(outcome.Complaint.Id, reference, statusUrl, outcome.Kind == IntakeOutcomeKind.Duplicate)
            {
                Emergency = emergency?.Text,
                EmergencyLanguage = emergency is null ? null : outcome.Complaint.Language,
            },
            statusCode: StatusCodes.Status202Accepted);
    }

    private static readonly JsonSerializerOptions JsonInput = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        MaxDepth = 8,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    private static IResult RefusalPage(ComplaintSubmission submission, string message, string? language, int status, params object[] args) =>
        Results.Content(
            FormErrorPage.RenderRefusal(submission, ValidationMessages.Format(language ?? SupportedLanguages.SimplifiedChinese, message, args), language),
            "text/html; charset=utf-8",
            statusCode: status);

    private static bool PrefersHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}

public sealed record SubmissionAccepted(string Id, string Reference, string StatusUrl, bool Duplicate)
{
    /// <summary>When the words set off a safeguarding rule: who to call now, for where the customer is.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Emergency { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? EmergencyLanguage { get; init; }
}
