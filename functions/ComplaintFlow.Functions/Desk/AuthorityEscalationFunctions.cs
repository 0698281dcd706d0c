using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Escalation by authority (超权限请示) under <c>/api/portal/complaints/{id}</c>: an agent escalates with a reason
/// (<c>escalate</c>); a supervisor takes it over (<c>escalation/take-over</c>) or returns it with a note
/// (<c>escalation/return</c>). The waiting ones are the <c>authority</c> work list. The rules are <see cref="AuthorityEscalations"/>.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class AuthorityEscalationFunctions(
    AuthorityEscalations escalations,
    DeskActions actions,
    IComplaintStore complaints,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    TimeProvider time)
{
    [Function("DeskEscalate")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Escalate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/escalate")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => AuthorityEscalations.Escalate(c, staff, body.Str("reason"), body.Str("note"), now));

    [Function("DeskEscalationTakeOver")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> TakeOver([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/escalation/take-over")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => escalations.TakeOver(c, staff, body.Str("reason"), now));

    [Function("DeskEscalationReturn")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> Return([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/escalation/return")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => AuthorityEscalations.Return(c, staff, body.Str("note"), now));

    private async Task<IResult> ActAsync(HttpRequest request, Func<Complaint, StaffMember, DateTimeOffset, PortalBody, ComplaintChange> decide)
    {
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        var result = await actions.RunAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff,
            (complaint, who, now) => decide(complaint, who, now, action.Body), Telemetry.CurrentTraceParent, request.HttpContext.RequestAborted);
        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }
}
