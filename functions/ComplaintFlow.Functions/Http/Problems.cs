using System.Globalization;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Functions.Http;

/// <summary>problem+json answers (RFC 9457) that say what is wrong.</summary>
public static class Problems
{
    public static IResult Validation(IReadOnlyList<ValidationError> errors, string title = "The complaint could not be accepted.") =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: title,
            detail: "Check these fields: " + string.Join(", ", errors.Select(e => e.Field).Distinct()) + ".");

    public static IResult Of(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    public static IResult TooLarge(int limit) =>
        Of(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"Send at most {limit} bytes.");

    public static IResult UnsupportedMediaType(string? contentType, params string[] accepted) =>
        Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type.",
            $"Content-Type '{contentType ?? "(none)"}' is not accepted; send one of: {string.Join(", ", accepted)}.");

    /// <summary>429 with <c>Retry-After</c> in whole seconds, the detail in the customer's language.</summary>
    public static IResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string language)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Of(StatusCodes.Status429TooManyRequests, "Too many complaints in a short time.",
            ValidationMessages.Format(language, "rate-limited", (seconds + 59) / 60));
    }
}
