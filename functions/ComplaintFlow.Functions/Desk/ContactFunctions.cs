using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Reaching the customer before the resolution, under <c>/api/portal/complaints/{id}</c>: a call or visit recorded
/// (<c>contacts</c>), an interim reply sent through Notify (<c>interim</c>), and the letters an interim reply or
/// "Resolve and send" would send, written as the customer will get them (<c>.../preview</c>, nothing saved). The
/// rules are <see cref="CustomerContacts"/>, <see cref="ContactActions"/> and <see cref="LetterPreview"/>.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class ContactFunctions(
    CustomerContacts contacts,
    ContactActions actions,
    LetterPreview preview,
    IComplaintStore complaints,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    TimeProvider time)
{
    [Function("DeskContact")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Contact([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/contacts")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => contacts.Record(
            c, staff, new ContactInput(body.Str("method"), body.Str("outcome"), body.Str("summary"), body.Str("idempotencyKey")), now));

    [Function("DeskInterimReply")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> InterimReply([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/interim")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => contacts.SendInterimReply(c, staff, Interim(body), now));

    [Function("DeskInterimPreview")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> InterimPreview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/interim/preview")] HttpRequest request) =>
        PreviewAsync(request, (c, staff, now, body) => preview.InterimReply(c, staff, Interim(body), now));

    /// <summary>The written resolution as the customer will get it, from the same body <c>.../resolve</c> takes.</summary>
    [Function("DeskResolvePreview")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> ResolvePreview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/resolve/preview")] HttpRequest request) =>
        PreviewAsync(request, (c, staff, now, body) => preview.Resolution(
            c, staff, new ResolutionInput(body.Str("resolution"), body.Str("rootCause"), body.Str("correctiveAction")), now));

    private static InterimReplyInput Interim(PortalBody body) => new(body.Str("channel"), body.Str("text"), body.Str("idempotencyKey"));

    /// <summary>
    /// Answers the letters with the version they were written from (<c>ETag</c>): nothing is saved, and the page
    /// confirms against the version it read, so a change since makes the confirmation stale.
    /// </summary>
    private async Task<IResult> PreviewAsync(HttpRequest request, Func<Complaint, StaffMember, DateTimeOffset, PortalBody, IReadOnlyList<PreviewedLetter>> write)
    {
        var http = request.HttpContext;
        var id = request.RouteValue("id");
        var (body, unreadable) = await PortalBody.ReadAsync(http.Request, intakeOptions.Value.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return unreadable!;
        }

        if (!ComplaintId.TryParse(id, out var complaintId) || await complaints.FindAsync(complaintId, http.RequestAborted) is not { } found)
        {
            return DeskActionAnswers.NotFound(id);
        }

        try
        {
            var letters = write(found.Complaint, PortalIdentity.StaffOf(http.User, http.Request), time.GetUtcNow(), body);
            http.Response.Headers.ETag = found.Version;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { letters }, ComplaintJson.Options);
        }
        catch (DeskRefusal refusal)
        {
            return DeskActionAnswers.Refused(refusal);
        }
    }

    /// <summary>Runs a contact action against the version the page read, once per <c>idempotencyKey</c>.</summary>
    private async Task<IResult> ActAsync(HttpRequest request, Func<Complaint, StaffMember, DateTimeOffset, PortalBody, ComplaintChange> decide)
    {
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        var result = await actions.RunAsync(action.Id, action.Body.Str("idempotencyKey"), action.IfMatch, action.SeenSequence, action.Staff,
            (complaint, who, now) => decide(complaint, who, now, action.Body), Telemetry.CurrentTraceParent, request.HttpContext.RequestAborted);
        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }
}
