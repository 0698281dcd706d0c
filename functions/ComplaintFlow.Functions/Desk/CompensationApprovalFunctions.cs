using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>GET /api/portal/approvals</c>: the supervisors' work list of compensation awaiting approval, oldest first
/// (<see cref="AwaitingApprovals"/>). Approving and rejecting are desk actions on the complaint
/// (<c>.../compensation/{number}/approve</c>, <c>.../reject</c> in <see cref="DeskFunctions"/>).
/// </summary>
[DeskAccess(PortalIdentity.SupervisorPolicy)]
public sealed class CompensationApprovalFunctions(AwaitingApprovals approvals, PortalOptions options)
{
    [Function("DeskApprovals")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/approvals")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = PortalIdentity.StaffOf(request.HttpContext.User, request.HttpContext.Request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var items = await approvals.ListAsync(cancellationToken);

        // Their own are listed too (so nothing is hidden from the desk), marked: another supervisor decides those.
        return DeskAnswer.Json(request.HttpContext, new
        {
            items = items.Select(i => new
            {
                i.ComplaintId,
                i.Reference,
                i.Number,
                i.Amount,
                i.Currency,
                i.Reason,
                i.Accepted,
                i.RecordedBy,
                i.RecordedAt,
                i.Status,
                i.Owner,
                own = string.Equals(i.RecordedBy, staff.Id, StringComparison.OrdinalIgnoreCase),
            }),
        }, options);
    }
}
