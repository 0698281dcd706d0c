using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Difficult contacts under <c>/api/portal/complaints/{id}/contact-flags</c>: every member of staff reads the flags
/// on the complaint's contact (set on this complaint or any other of theirs); supervisors flag the contact as habitual
/// or abusive with a reason, a handling plan and an end date, and lift a flag early. The rules are
/// <see cref="ContactFlags"/>; the complaint's timeline records each step, and the flag store is written from it.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class ContactFlagFunctions(
    IContactFlagStore flags,
    DeskActions actions,
    IComplaintStore complaints,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    TimeProvider time)
{
    [Function("DeskContactFlags")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/complaints/{id}/contact-flags")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var id = request.RouteValue("id");
        if (!ComplaintId.TryParse(id, out var complaintId) || await complaints.FindAsync(complaintId, cancellationToken) is not { } found)
        {
            return DeskActionAnswers.NotFound(id);
        }

        var staff = PortalIdentity.StaffOf(http.User, http.Request);
        var now = time.GetUtcNow();
        var held = found.Complaint.ErasedAt is null ? await flags.ForAsync(found.Complaint.Contact, cancellationToken) : [];
        http.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(http, new
        {
            active = ContactFlags.Active(held, now),
            // Lifted and ended flags are the supervisors' record; agents act on the ones in force.
            ended = staff.IsSupervisor ? [.. held.Where(f => !f.IsActive(now)).OrderByDescending(f => f.SetAt)] : Array.Empty<ContactFlag>(),
            canFlag = staff.IsSupervisor && found.Complaint.ErasedAt is null
                && (!string.IsNullOrWhiteSpace(found.Complaint.Contact.Email) || !string.IsNullOrWhiteSpace(found.Complaint.Contact.Phone)),
            kinds = ContactFlagKinds.All,
            plans = HandlingGuidance.Default.FlagPlans,
            maxDays = (int)ContactFlags.MaxDuration.TotalDays,
        }, options);
    }

    [Function("DeskContactFlag")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> FlagAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/contact-flags")] HttpRequest request) =>
        ActAsync(request, (_, action) => (complaint, staff, now) => ContactFlags.Flag(complaint, staff, new ContactFlagInput(
            action.Body.Str("kind"), action.Body.Str("reason"), action.Body.Str("plan"), action.Body.Str("expiresOn"), action.Body.Str("idempotencyKey")),
            now, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone)));

    [Function("DeskContactFlagLift")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> LiftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/contact-flags/{flag}/lift")] HttpRequest request) =>
        ActAsync(request, (held, action) => (complaint, staff, now) => ContactFlags.Lift(
            complaint, held, staff, request.RouteValue("flag"), action.Body.Str("reason"), action.Body.Str("idempotencyKey"), now));

    /// <summary>
    /// Runs the action against the version the page read, once per <c>idempotencyKey</c>, then writes the flags the
    /// complaint's timeline now records into the store (also after a replay: a store write lost after the save is
    /// made good by submitting again).
    /// </summary>
    private async Task<IResult> ActAsync(
        HttpRequest request, Func<IReadOnlyList<ContactFlag>, DeskActionRequest, Func<Complaint, StaffMember, DateTimeOffset, ComplaintChange>> decide)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        if (!ComplaintId.TryParse(action.Id, out var complaintId) || await complaints.FindAsync(complaintId, cancellationToken) is not { } current)
        {
            return DeskActionAnswers.NotFound(action.Id);
        }

        var held = current.Complaint.ErasedAt is null ? await flags.ForAsync(current.Complaint.Contact, cancellationToken) : [];
        DeskActionResult result;
        if (ContactFlags.AlreadyRecorded(await complaints.GetHistoryAsync(complaintId, cancellationToken), action.Body.Str("idempotencyKey")))
        {
            result = new DeskActionResult(DeskActionOutcome.Done) { Saved = current };
        }
        else
        {
            result = await actions.RunAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff, decide(held, action), Telemetry.CurrentTraceParent, cancellationToken);
        }

        if (result is { Outcome: DeskActionOutcome.Done, Saved: { } saved } && saved.Complaint.ErasedAt is null)
        {
            var history = await complaints.GetHistoryAsync(complaintId, cancellationToken);
            foreach (var flag in ContactFlags.FromHistory(saved.Complaint.Id, history, held))
            {
                await flags.SaveAsync(saved.Complaint.Contact, flag, cancellationToken);
            }
        }

        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }
}
