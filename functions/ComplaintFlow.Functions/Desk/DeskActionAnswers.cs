using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// How a desk action meets HTTP, for every function that runs one (<see cref="DeskFunctions"/>,
/// <see cref="ContactFunctions"/>): the version the page acted on, and the answer to what <see cref="DeskActions"/>
/// decided: the complaint as saved with its new ETag, or the problem that says why nothing was saved.
/// </summary>
internal static class DeskActionAnswers
{
    /// <summary>The version (ETag) the page read, from <c>If-Match</c>; null when it is missing.</summary>
    public static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } version ? version : null;

    /// <summary>
    /// What every desk action reads before it runs: the complaint in the route, the version the page read (If-Match,
    /// else 428), the JSON body (else its 4xx), the member of staff and the last history entry the page shows.
    /// </summary>
    public static async Task<(DeskActionRequest? Action, IResult? Refusal)> ReadAsync(HttpRequest request, int maxBodyBytes)
    {
        if (IfMatch(request) is not { } ifMatch)
        {
            return (null, VersionRequired());
        }

        var (body, unreadable) = await PortalBody.ReadAsync(request, maxBodyBytes, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return (null, unreadable!);
        }

        return (new DeskActionRequest(request.RouteValue("id"), ifMatch, body, PortalIdentity.StaffOf(request.HttpContext.User, request),
            request.Headers["X-Seen-Sequence"].FirstOrDefault()), null);
    }

    public static IResult VersionRequired() =>
        Problems.Of(StatusCodes.Status428PreconditionRequired, "The complaint's version is required.",
            "Send If-Match with the ETag of the complaint as you read it, so a change made since is not overwritten.");

    public static async Task<IResult> OfAsync(
        HttpContext http, string id, DeskActionResult result, IComplaintStore complaints, PortalOptions options, DeadlineRules rules, TimeProvider time)
    {
        switch (result.Outcome)
        {
            case DeskActionOutcome.NotFound:
                return NotFound(id);
            case DeskActionOutcome.Stale:
                return Problems.Of(StatusCodes.Status412PreconditionFailed, "This complaint was changed since you opened it.",
                    $"It was last changed by {result.ChangedBy}. Nothing was saved: reload the complaint, check the change, and try again.");
            case DeskActionOutcome.Refused:
                return Refused(result.Refusal!);
        }

        var saved = result.Saved!;
        var history = await complaints.GetHistoryAsync(saved.Complaint.Id, http.RequestAborted);
        http.Response.Headers.ETag = saved.Version;
        return DeskAnswer.Json(http, ComplaintView.Of(saved, history, options.RootCauseTaxonomy, time.GetUtcNow(), rules), options);
    }

    public static IResult Refused(DeskRefusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => Problems.Validation(refusal.Errors),
        RefusalKind.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, "Not allowed.", refusal.Errors[0].Message),
        _ => Problems.Of(StatusCodes.Status409Conflict, "Not possible in this state.", refusal.Errors[0].Message),
    };

    public static IResult NotFound(string id) =>
        Problems.Of(StatusCodes.Status404NotFound, "Complaint not found.", $"No complaint has the id or reference '{id}'.");
}

/// <summary>A desk action as read from its request (<see cref="DeskActionAnswers.ReadAsync"/>).</summary>
internal sealed record DeskActionRequest(string Id, string IfMatch, PortalBody Body, StaffMember Staff, string? SeenSequence);
