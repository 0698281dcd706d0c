using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// HTTP trigger <c>GET /s/{reference}</c>: the short status link our texts carry, redirected to the status page with
/// the reference filled in (as the customer may have typed it: any case, O for 0). The customer still confirms their
/// email or phone there, so the link gives away nothing a reference alone does not.
/// </summary>
public sealed class ShortStatusLinkFunction
{
    public const string Name = "ShortStatusLink";

    [Function(Name)]
    public IResult Redirect([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "s/{reference}")] HttpRequest request) =>
        ComplaintId.TryParse(request.RouteValue("reference"), out var id)
            ? Results.Redirect($"/status?reference={Uri.EscapeDataString(ComplaintId.ToReference(id))}")
            : Results.Redirect("/status");
}
