using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Desk;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Poison;

/// <summary>
/// Supervisors' view of the poison queues: <c>GET /api/portal/poison</c> lists what each holds and why, and
/// <c>POST /api/portal/poison/{queue}/replay</c> (body <c>{"id": ...}</c> for one message, empty for all) puts
/// messages back on their queue. Replaying is safe to repeat: the handlers skip work already done.
/// </summary>
[DeskAccess(PortalIdentity.SupervisorPolicy)]
public sealed class PoisonFunctions(IPoisonQueues poison, IOptions<IntakeOptions> intake, PortalOptions portal)
{
    [Function("PoisonList")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/poison")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var queues = new List<object>();
        foreach (var queue in poison.Queues)
        {
            queues.Add(new { queue, poisonQueue = queue + "-poison", items = await poison.ListAsync(queue, cancellationToken) });
        }

        return DeskAnswer.Json(request.HttpContext, new { queues }, portal);
    }

    [Function("PoisonReplay")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/poison/{queue}/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var queue = request.RouteValue("queue");
        if (!poison.Queues.Contains(queue))
        {
            return Problems.Of(StatusCodes.Status404NotFound, "No such queue.", $"Poison queues can be replayed for: {string.Join(", ", poison.Queues)}.");
        }

        var (body, unreadable) = await PortalBody.ReadAsync(request, intake.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var id = body.Str("id");
        var report = await poison.ReplayAsync(queue, id, dryRun: false, cancellationToken);
        if (id is not null && report.Replayed.Count == 0)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "No such poison message.", $"{queue}-poison holds no message '{id}'; it may have been replayed already.");
        }

        return Results.Json(report, ComplaintJson.Options);
    }
}
