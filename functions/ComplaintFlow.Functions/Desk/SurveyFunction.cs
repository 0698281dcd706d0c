using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>POST /api/survey</c>: the customer's satisfaction answer after a resolution. The link's token is the only
/// credential; one answer per resolution; a dissatisfied answer reopens the complaint for a callback.
/// </summary>
public sealed class SurveyFunction(IComplaintStore complaints, CustomerSurvey survey, IOptions<IntakeOptions> intake, TimeProvider time)
{
    public const string Name = "Survey";

    [Function(Name)]
    public async Task<IResult> AnswerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/survey")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, unreadable) = await PortalBody.ReadAsync(request, intake.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var language = SupportedLanguages.Normalise(body.Str("language")) ?? SupportedLanguages.English;
        var notFound = Problems.Of(StatusCodes.Status404NotFound, "Survey not found.", DeskMessages.Format(language, "survey-token"));
        if (!ComplaintId.TryParse(body.Str("reference"), out var id))
        {
            return notFound;
        }

        var score = body.Dec("score") is { } number && number == decimal.Truncate(number) && number is >= -10m and <= 10m ? (int?)number : null;
        try
        {
            var saved = await complaints.UpdateAsync(
                id,
                c => survey.Answer(c, body.Str("token"), score, body.Str("comment"), language, time.GetUtcNow()),
                cancellationToken);
            return saved is null ? notFound : Results.Json(new { reference = saved.Complaint.Reference, status = CustomerStatus.Of(saved.Complaint, TimeZoneInfo.Utc.Id).Status });
        }
        catch (DeskRefusal refusal)
        {
            return refusal.Kind switch
            {
                RefusalKind.Invalid => Problems.Validation(refusal.Errors),
                RefusalKind.Forbidden => notFound,
                _ => Problems.Of(StatusCodes.Status409Conflict, "Already answered.", refusal.Errors[0].Message),
            };
        }
    }
}
