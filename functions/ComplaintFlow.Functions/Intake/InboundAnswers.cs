using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// How the provider webhooks answer. A payload the provider should not resend gets 4xx with a problem+json naming
/// the field; one it would resend forever but we cannot use is quarantined and answered 2xx.
/// </summary>
public static class InboundAnswers
{
    public static IResult PayloadProblem(InboundPayloadException e) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The payload cannot be read.",
            detail: e.Message,
            extensions: new Dictionary<string, object?> { ["field"] = e.Field });

    public static string Outcome(string kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind);

    public static string? Reference(string? complaintId) => complaintId is null ? null : Core.Complaints.ComplaintId.ToReference(complaintId);
}

/// <summary>What a webhook did with a payload; names no personal data.</summary>
public sealed record InboundAccepted(string Outcome, string Reason, string? Reference);
