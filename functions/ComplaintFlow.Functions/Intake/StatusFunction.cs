using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Intake;

/// <summary>HTTP trigger <c>GET /api/complaints/{reference}?contact=</c>: the customer's view of their complaint.</summary>
public sealed class StatusFunction(IComplaintStore complaints, NotifyOptions notify)
{
    public const string Name = "ComplaintStatus";

    [Function(Name)]
    public async Task<IResult> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/complaints/{reference}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var reference = request.RouteValue("reference");
        var contact = QuerySecrets.Of(request, "contact");
        // One answer for "no such reference" and "wrong contact", so the endpoint is no oracle for references.
        var notFound = Problems.Of(StatusCodes.Status404NotFound, "Complaint not found.",
            "No complaint matches this reference and contact. Check the reference from your acknowledgement and the email or phone you gave.");
        if (!ComplaintId.TryParse(reference, out var id) || string.IsNullOrWhiteSpace(contact))
        {
            return notFound;
        }

        var found = await complaints.FindAsync(id, cancellationToken);
        return found is not null && found.Complaint.Contact.Matches(contact)
            ? Results.Ok(CustomerStatus.Of(found.Complaint, notify.TimeZone))
            : notFound;
    }
}
