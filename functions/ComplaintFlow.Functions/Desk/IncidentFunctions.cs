using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Incidents;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Incidents on the desk (docs/incidents.md): <c>/api/portal/incidents</c> lists them with their linked complaints
/// per hour, supervisors open, update and resolve them; on a complaint (<c>/api/portal/complaints/{id}/incident/...</c>)
/// agents link, unlink or confirm triage's suggestion, and supervisors open an incident from it. The rules are
/// <see cref="IncidentDesk"/>; <see cref="IncidentActions"/> saves and queues the fan-out.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class IncidentFunctions(
    IncidentActions actions,
    IncidentDesk desk,
    IIncidentStore incidents,
    IncidentAreas areas,
    IComplaintStore complaints,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    TimeProvider time)
{
    /// <summary>Every incident, newest first, with its linked complaints per hour; and the areas and categories the form offers.</summary>
    [Function("DeskIncidents")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/incidents")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var views = new List<IncidentView>();
        foreach (var incident in await incidents.ListAsync(cancellationToken))
        {
            views.Add(IncidentView.Of(incident, await incidents.LinksAsync(incident.Id, cancellationToken)));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(request.HttpContext, new
        {
            items = views,
            areas = areas.Areas.Select(a => a.ToArea()),
            categories = desk.Categories,
            rootCauses = options.RootCauseTaxonomy,
        }, options);
    }

    [Function("DeskIncident")]
    public async Task<IResult> FindAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/incidents/{incidentId}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = request.RouteValue("incidentId");
        if (await incidents.FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound(id);
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(request.HttpContext, IncidentView.Of(found.Incident, await incidents.LinksAsync(id, cancellationToken), withComplaints: true), options);
    }

    /// <summary><c>POST /api/portal/incidents</c> <c>{area, category, startsAt, endsAt?, description: {en, zh-Hans, zh-Hant}}</c> → 201 with the incident.</summary>
    [Function("DeskIncidentOpen")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> OpenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/incidents")] HttpRequest request,
        CancellationToken cancellationToken) =>
        IncidentActionAsync(request, (body, staff) => actions.OpenAsync(InputOf(body), staff, cancellationToken), StatusCodes.Status201Created, cancellationToken);

    [Function("DeskIncidentUpdate")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/incidents/{incidentId}/updates")] HttpRequest request,
        CancellationToken cancellationToken) =>
        IncidentActionAsync(request, (body, staff) => actions.PostUpdateAsync(
            request.RouteValue("incidentId"), new IncidentUpdateInput(body.Texts("text"), body.Str("status")), staff, Telemetry.CurrentTraceParent, cancellationToken),
            StatusCodes.Status200OK, cancellationToken);

    [Function("DeskIncidentResolve")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/incidents/{incidentId}/resolve")] HttpRequest request,
        CancellationToken cancellationToken) =>
        IncidentActionAsync(request, (body, staff) => actions.ResolveAsync(
            request.RouteValue("incidentId"), new IncidentResolutionInput(body.Texts("resolution"), body.Str("rootCause"), body.Str("correctiveAction")), staff, Telemetry.CurrentTraceParent, cancellationToken),
            StatusCodes.Status200OK, cancellationToken);

    /// <summary>Links the complaint to <c>{incidentId}</c> (If-Match: the complaint's version, as every desk action).</summary>
    [Function("DeskIncidentLink")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> LinkAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/incident/link")] HttpRequest request) =>
        ComplaintActionAsync(request, (action, cancellationToken) =>
            actions.LinkAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff, _ => action.Body.Str("incidentId"), Telemetry.CurrentTraceParent, cancellationToken));

    /// <summary>Confirms triage's suggestion: the complaint is linked to the incident it suggested.</summary>
    [Function("DeskIncidentConfirm")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> ConfirmAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/incident/confirm")] HttpRequest request) =>
        ComplaintActionAsync(request, (action, cancellationToken) =>
            actions.LinkAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff, c => desk.Suggested(c, action.Staff), Telemetry.CurrentTraceParent, cancellationToken));

    [Function("DeskIncidentUnlink")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> UnlinkAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/incident/unlink")] HttpRequest request) =>
        ComplaintActionAsync(request, (action, cancellationToken) =>
            actions.UnlinkAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff, action.Body.Str("reason"), Telemetry.CurrentTraceParent, cancellationToken));

    /// <summary>Opens an incident from the complaint (what the body leaves out comes from it) and links the complaint to it.</summary>
    [Function("DeskIncidentOpenFrom")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public async Task<IResult> OpenFromAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/incident/open")] HttpRequest request)
    {
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        var (opened, linked) = await actions.OpenFromAsync(action.Id, action.IfMatch, action.SeenSequence, InputOf(action.Body), action.Staff, Telemetry.CurrentTraceParent, request.HttpContext.RequestAborted);
        if (opened.NotFound)
        {
            return DeskActionAnswers.NotFound(action.Id);
        }

        if (opened.Refusal is { } refused)
        {
            return DeskActionAnswers.Refused(refused);
        }

        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, linked!, complaints, options, rules, time);
    }

    private async Task<IResult> ComplaintActionAsync(HttpRequest request, Func<DeskActionRequest, CancellationToken, Task<DeskActionResult>> run)
    {
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        var result = await run(action, request.HttpContext.RequestAborted);
        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }

    private static IncidentInput InputOf(PortalBody body) =>
        new(body.Str("area"), body.Str("category"), body.Str("startsAt"), body.Str("endsAt"), body.Texts("description"));

    /// <summary>Reads the body, runs the action on the incident, and answers the incident as saved or why nothing was.</summary>
    private async Task<IResult> IncidentActionAsync(
        HttpRequest request, Func<PortalBody, StaffMember, Task<IncidentActionResult>> run, int status, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await PortalBody.ReadAsync(request, intakeOptions.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var result = await run(body, PortalIdentity.StaffOf(request.HttpContext.User, request));
        if (result.NotFound)
        {
            return NotFound(request.RouteValue("incidentId"));
        }

        if (result.Refusal is { } refusal)
        {
            return refusal.Kind == RefusalKind.Invalid ? Problems.Validation(refusal.Errors, "The incident could not be saved.") : DeskActionAnswers.Refused(refusal);
        }

        request.HttpContext.Response.Headers.ETag = result.Saved!.Version;
        return DeskAnswer.Json(request.HttpContext, result.Saved.Incident, options, status);
    }

    private static IResult NotFound(string id) =>
        Problems.Of(StatusCodes.Status404NotFound, "Incident not found.", $"No incident has the id '{id}'.");
}

/// <summary>Queue trigger on <c>incidents</c>: fans an incident's update or resolution out to its linked complaints, one by one.</summary>
public sealed class IncidentsFunction(QueueMessageReader reader, IncidentActions actions, LastDelivery lastDelivery)
{
    public const string Name = "Incidents";

    [Function(Name)]
    public Task RunAsync(
        [QueueTrigger(QueueSettings.Prefix + QueueNames.Incidents)] string message,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        lastDelivery.RunAsync(Name, QueueNames.Incidents, message, context, async () =>
        {
            var work = await reader.ReadAsync<IncidentMessage>(message, cancellationToken);
            using var activity = Telemetry.StartConsumer(Name, work.TraceParent);
            activity?.SetTag("incident.id", work.IncidentId);
            if (work.ComplaintId is { } complaintId)
            {
                activity.TagComplaint(complaintId);
            }

            await actions.HandleAsync(work with { TraceParent = Telemetry.CurrentTraceParent ?? work.TraceParent }, cancellationToken);
        }, givingUp: null, cancellationToken);
}
