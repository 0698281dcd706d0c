using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Staff correct triage's category and sentiment from the complaint page (<c>POST .../triage-correction</c>), and the
/// page reads the choices it offers (<c>GET /api/portal/triage-choices</c>). The rule is <see cref="TriageCorrections"/>.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class TriageCorrectionFunctions(
    TriageCorrections corrections,
    DeskActions actions,
    IComplaintStore complaints,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    TimeProvider time)
{
    [Function("DeskTriageChoices")]
    public IResult Choices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/triage-choices")] HttpRequest request) =>
        Results.Json(new { categories = corrections.Categories, sentiments = TriageCorrections.Sentiments }, ComplaintJson.Options);

    [Function("DeskTriageCorrection")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public async Task<IResult> CorrectAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/triage-correction")] HttpRequest request)
    {
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        var input = new TriageCorrectionInput(action.Body.Str("category"), action.Body.Str("sentiment"), action.Body.Str("note"));
        var result = await actions.RunAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff,
            (complaint, who, now) => corrections.Correct(complaint, who, input, now), Telemetry.CurrentTraceParent, request.HttpContext.RequestAborted);
        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }
}
