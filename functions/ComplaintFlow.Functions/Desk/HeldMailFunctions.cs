using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Functions.Intake;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>GET /api/portal/mail</c>: the recent inbound mail that opened no complaint, ignored or held, each with the
/// explanation <c>scripts/explain-email</c> prints for it (<see cref="HeldMail"/>). Supervisors only, like the
/// quarantine list: the explanations show customers' words and addresses.
/// </summary>
[DeskAccess(PortalIdentity.SupervisorPolicy)]
public sealed class HeldMailFunctions(HeldMail mail, HeldMailDecisions decisions, IOptions<IntakeOptions> intakeOptions, PortalOptions options)
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

    /// <summary>Releases a held mail into a complaint (<c>{name, reference?}</c>): its own, or the named one as a reply.</summary>
    [Function("DeskHeldMailRelease")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> ReleaseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/mail/release")] HttpRequest request,
        CancellationToken cancellationToken) =>
        DecideAsync(request, (staff, body) => decisions.ReleaseAsync(body.Str("name"), staff, body.Str("reference"), Telemetry.CurrentTraceParent, cancellationToken), cancellationToken);

    /// <summary>Discards a held mail with the reason (<c>{name, reason}</c>); it stays stored, marked discarded.</summary>
    [Function("DeskHeldMailDiscard")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> DiscardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/mail/discard")] HttpRequest request,
        CancellationToken cancellationToken) =>
        DecideAsync(request, (staff, body) => decisions.DiscardAsync(body.Str("name"), staff, body.Str("reason"), cancellationToken), cancellationToken);

    private async Task<IResult> DecideAsync(HttpRequest request, Func<StaffMember, PortalBody, Task<HeldMailDecisionResult>> decide, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await PortalBody.ReadAsync(request, intakeOptions.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var result = await decide(PortalIdentity.StaffOf(request.HttpContext.User, request), body);
        return result.Outcome switch
        {
            HeldMailDecisionOutcome.NotFound => Problems.Of(StatusCodes.Status404NotFound, "No such held mail.", "No email held for review has that name."),
            HeldMailDecisionOutcome.Refused when result.Refusal!.Kind == RefusalKind.Invalid => Problems.Validation(result.Refusal.Errors),
            HeldMailDecisionOutcome.Refused => Problems.Of(StatusCodes.Status409Conflict, "Not possible in this state.", result.Refusal!.Errors[0].Message),
            _ => DeskAnswer.Json(request.HttpContext, new { decision = DecisionView(result.Decision) }, options),
        };
    }

    private static object? DecisionView(QuarantineDecision? decision) => decision is null ? null : new
    {
        decision.Action,
        decision.By,
        decision.At,
        decision.Reason,
        decision.ComplaintId,
        reference = decision.ComplaintId is null ? null : Core.Complaints.ComplaintId.ToReference(decision.ComplaintId),
    };

    private static object View(HeldMailItem item) => new
    {
        decision = DecisionView(item.Decision),
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
