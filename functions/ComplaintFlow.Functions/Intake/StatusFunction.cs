using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Intake;

/// <summary>HTTP trigger <c>GET /api/complaints/{reference}?contact=</c>: the customer's view of their complaint.</summary>
public sealed class StatusFunction(StatusLookup lookup)
{
    public const string Name = "ComplaintStatus";

    [Function(Name)]
    public async Task<IResult> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/complaints/{reference}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var result = await lookup.LookUpAsync(request.RouteValue("reference"), QuerySecrets.Of(request, "contact"),
            request.HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (result.Outcome)
        {
            case StatusLookupOutcome.Found:
                return Results.Ok(result.Status);
            case StatusLookupOutcome.RateLimited:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds));
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Problems.Of(StatusCodes.Status429TooManyRequests, "Too many status lookups.",
                    ValidationMessages.Format(RequestLanguage.Of(request), "status-rate-limited", (seconds + 59) / 60));
            default:
                // One answer for "no such reference" and "wrong contact", so the endpoint is no oracle for references.
                return Problems.Of(StatusCodes.Status404NotFound, "Complaint not found.",
                    "No complaint matches this reference and contact. Check the reference from your acknowledgement and the email or phone you gave.");
        }
    }
}
