using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The customer's side of the follow-up: the satisfaction survey answered from the link in the resolution. The
/// respondent is the customer, holding the survey token, never a member of staff; messages are in the language the
/// survey page was read in.
/// </summary>
public sealed class CustomerSurvey(PortalOptions options, DeadlinePlanner planner)
{
    private const int MaxCommentLength = 2_000;

    /// <summary>
    /// Records the customer's survey answer. A dissatisfied answer reopens the complaint with a callback deadline,
    /// so someone calls them rather than the answer sitting in a report.
    /// </summary>
    public ComplaintChange Answer(Complaint complaint, string? token, int? score, string? comment, string language, DateTimeOffset now)
    {
        if (complaint.Resolution is not { } resolution || token is null || !SameToken(resolution.SurveyToken, token))
        {
            throw Refuse(RefusalKind.Forbidden, language, "token", "survey-token");
        }

        if (complaint.SurveyAnswers.Any(a => a.SurveyToken == resolution.SurveyToken))
        {
            throw Refuse(RefusalKind.WrongState, language, "token", "survey-answered");
        }

        var errors = new List<ValidationError>();
        if (score is not (>= 1 and <= 5))
        {
            errors.Add(Error(language, "score", "score"));
        }

        var text = comment?.Trim();
        if (text?.Length > MaxCommentLength)
        {
            errors.Add(Error(language, "comment", "too-long", MaxCommentLength));
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var answer = new SurveyAnswer { Score = score!.Value, Comment = string.IsNullOrEmpty(text) ? null : text, AnsweredAt = now, SurveyToken = resolution.SurveyToken };
        var dissatisfied = answer.Score <= options.DissatisfiedAtOrBelow;
        var change = complaint.Change(now)
            .Apply(c => c with { SurveyAnswers = [.. c.SurveyAnswers, answer] })
            .Record(EventTypes.Survey, Actors.Customer, new Dictionary<string, string>
            {
                ["score"] = answer.Score.ToString(CultureInfo.InvariantCulture),
                ["dissatisfied"] = dissatisfied ? "true" : "false",
            });
        FollowUpTasks.CompleteBySurvey(change, dissatisfied, now);
        if (dissatisfied && complaint.Status == ComplaintStatus.Resolved)
        {
            var callback = planner.PlanCallback(now);
            change.Apply(c => Reopening.Reopen(c, now, callback))
                .Record(EventTypes.Reopened, Actors.Customer, new Dictionary<string, string> { ["reason"] = "dissatisfied-survey" });
        }

        return change;
    }

    private static bool SameToken(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static ValidationError Error(string language, string field, string key, params object[] args) =>
        new(field, DeskMessages.Format(language, key, args));

    private static DeskRefusal Refuse(RefusalKind kind, string language, string field, string key, params object[] args) =>
        new(kind, [Error(language, field, key, args)]);
}
