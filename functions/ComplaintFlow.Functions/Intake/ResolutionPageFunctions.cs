using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// The written resolution for customers we can only text (<see cref="ResolutionAccess"/>): <c>GET /r/{reference}</c>
/// (the link in the text) opens the page; <c>POST /api/complaints/{reference}/resolution/code</c> <c>{phone}</c> asks for
/// a one-time code by text; <c>POST /api/complaints/{reference}/resolution</c> <c>{code}</c> answers the letter.
/// </summary>
public sealed class ResolutionPageFunctions(ResolutionAccess access)
{
    public const string LinkName = "ResolutionLink";
    public const string CodeName = "ResolutionCode";
    public const string ReadName = "ResolutionRead";
    private const int MaxBodyBytes = 4_096;

    private sealed record Input(string? Phone, string? Code);

    [Function(LinkName)]
    public IResult Link([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "r/{reference}")] HttpRequest request) =>
        ComplaintId.TryParse(request.RouteValue("reference"), out var id)
            ? Results.Redirect($"/resolution?reference={Uri.EscapeDataString(ComplaintId.ToReference(id))}")
            : Results.Redirect("/resolution");

    [Function(CodeName)]
    public async Task<IResult> RequestCodeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/complaints/{reference}/resolution/code")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var (input, problem) = await ReadInputAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(input!.Phone))
        {
            return Problems.Validation([new ValidationError("phone", ValidationMessages.Format(language, "access-phone"))], "No mobile number.");
        }

        var result = await access.RequestCodeAsync(request.RouteValue("reference"), input.Phone, request.HttpContext.Connection.RemoteIpAddress,
            Telemetry.CurrentTraceParent, cancellationToken);
        // 202 whether or not the number is the complaint's: the answer is no oracle for numbers or references.
        return Map(request, result, language) ?? Results.Accepted(value: new { requested = true });
    }

    [Function(ReadName)]
    public async Task<IResult> ReadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/complaints/{reference}/resolution")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var (input, problem) = await ReadInputAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (AccessCodes.Normalise(input!.Code) is null)
        {
            return Problems.Validation([new ValidationError("code", ValidationMessages.Format(language, "access-code"))], "No code.");
        }

        var result = await access.ReadAsync(request.RouteValue("reference"), input.Code, request.HttpContext.Connection.RemoteIpAddress, cancellationToken);
        return Map(request, result, language) ?? (result.Letter is { } letter
            ? Results.Ok(letter)
            : Problems.Validation([new ValidationError("code", ValidationMessages.Format(language, "access-code-wrong"))], "Wrong code."));
    }

    private static IResult? Map(HttpRequest request, ResolutionAccessResult result, string language)
    {
        switch (result.Outcome)
        {
            case ResolutionAccessOutcome.RateLimited:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds));
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.Of(StatusCodes.Status429TooManyRequests, "Too many tries.", ValidationMessages.Format(language, "access-rate-limited", (seconds + 59) / 60));
            case ResolutionAccessOutcome.Unavailable:
                return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Reading the resolution online is not set up.",
                    $"Set {SmsOptions.Section}:AccessCodeKey.");
            default:
                return null;
        }
    }

    private static async Task<(Input? Input, IResult? Problem)> ReadInputAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await BufferedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.TooLarge(MaxBodyBytes));
        }

        if (!body.IsJson)
        {
            return (null, Problems.UnsupportedMediaType(request.ContentType, "application/json"));
        }

        try
        {
            var input = JsonSerializer.Deserialize<Input>(body.Content, JsonSerializerOptions.Web);
            return input is null ? (null, BadJson()) : (input, null);
        }
        catch (JsonException)
        {
            return (null, BadJson());
        }

        static IResult BadJson() => Problems.Of(StatusCodes.Status400BadRequest, "The body is not valid JSON.", "Send a JSON object such as {\"phone\": \"+8613800138000\"} or {\"code\": \"123456\"}.");
    }
}
