using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Intake;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>GET /api/portal/mail</c>: the recent inbound mail that opened no complaint, ignored or held, each with the
/// explanation <c>scripts/explain-email</c> prints for it (<see cref="HeldMail"/>). Supervisors only, like the
/// quarantine list: the explanations show customers' words and addresses.
/// </summary>
[DeskAccess(PortalIdentity.SupervisorPolicy)]
public sealed class HeldMailFunctions(HeldMail mail, PortalOptions options)
{
    [Function("DeskHeldMail")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/mail")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var recent = await mail.RecentAsync(cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(request.HttpContext, new
        {
            ignored = recent.Ignored.Select(View),
            quarantined = recent.Quarantined.Select(View),
            maxItems = HeldMail.MaxItems,
            ignoredDays = HeldMail.IgnoredDays,
        }, options);
    }

    private static object View(HeldMailItem item) => new
    {
        name = item.Name,
        receivedOn = item.ReceivedOn,
        receivedAt = item.ReceivedAt,
        size = item.Size,
        detail = item.Detail,
        complaintId = item.Explanation?.Outcome.ComplaintId,
        explanation = item is { Email: { } email, Explanation: { } explained }
            ? EmailExplanationView.Of(email, explained)
            : EmailExplanationView.Refused(item.Unreadable ?? "payload"),
    };
}
