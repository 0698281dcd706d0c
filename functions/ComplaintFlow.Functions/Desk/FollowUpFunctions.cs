using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// The follow-up (回访) from the desk: <c>POST /api/portal/complaints/{id}/follow-up</c> records one try and its
/// outcome (<see cref="FollowUpTasks"/>), and <c>GET /api/portal/stats/csv</c> exports the dashboard's rates
/// (<see cref="DeskRates"/>) for the period chosen as for <c>/api/portal/stats</c>.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class FollowUpFunctions(
    FollowUpTasks followUps,
    DeskActions actions,
    IComplaintStore complaints,
    IComplaintCatalog catalog,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    TimeProvider time)
{
    [Function("DeskFollowUp")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public async Task<IResult> FollowUpAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/follow-up")] HttpRequest request)
    {
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        var input = new FollowUpInput(action.Body.Str("method"), action.Body.Str("outcome"), action.Body.Str("note"));
        var result = await actions.RunAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff,
            (complaint, staff, now) => followUps.Record(complaint, staff, input, now), Telemetry.CurrentTraceParent, request.HttpContext.RequestAborted);
        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }

    [Function("DeskStatsCsv")]
    public async Task<IResult> StatsCsvAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/stats/csv")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var now = time.GetUtcNow();
        var (period, received, refusal) = await StatsRequest.ReadAsync(request, catalog, now, cancellationToken);
        if (period is null)
        {
            return refusal!;
        }

        var rates = DeskRates.Compute([.. received.Where(c => c.ReceivedAt >= period.From && c.ReceivedAt < period.To)], now);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"rates-{period.From:yyyyMMdd}-{period.To.AddTicks(-1):yyyyMMdd}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(DeskRatesCsv.Write(rates, period.From, period.To), "text/csv; charset=utf-8", Encoding.UTF8);
    }
}
