using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>The survey is answered by the customer holding the link's token, in the language of the page.</summary>
public sealed class CustomerSurveyTests
{
    private static readonly DateTimeOffset Now = Received.AddDays(2);
    private readonly ComplaintDesk _desk = NewDesk();
    private readonly CustomerSurvey _survey = new(new PortalOptions(), new DeadlinePlanner(Rules));

    [Fact]
    public void A_dissatisfied_survey_answer_reopens_the_complaint_with_a_callback_deadline()
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "policy", null), "secret-token", Now).State;

        var change = _survey.Answer(resolved, "secret-token", 1, "Nobody listened.", "en", Now.AddDays(1));

        Assert.Equal([EventTypes.Survey, EventTypes.FollowUpCompleted, EventTypes.Reopened], change.Events.Select(e => e.Type));
        Assert.Equal(ComplaintStatus.Open, change.State.Status);
        var callback = change.State.Deadlines.Single(d => d.Kind == DeadlineKinds.Callback);
        Assert.True(callback.IsOpen);
        Assert.Equal(Now.AddDays(1), callback.StartedAt);
        // One working day by default: answered Thursday 09:30 Beijing time, called back by Friday 09:30.
        Assert.Equal(callback.StartedAt.AddDays(1), callback.DueAt);
        Assert.Equal("Nobody listened.", Assert.Single(change.State.SurveyAnswers).Comment);
    }

    [Fact]
    public void A_dissatisfied_answer_on_a_Friday_is_called_back_by_Monday_not_days_later()
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "policy", null), "secret-token", Now).State;
        var friday = new DateTimeOffset(2026, 3, 6, 1, 30, 0, TimeSpan.Zero); // 09:30 in Beijing

        var callback = _survey.Answer(resolved, "secret-token", 1, null, "en", friday).State.Deadlines.Single(d => d.Kind == DeadlineKinds.Callback);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 1, 30, 0, TimeSpan.Zero), callback.DueAt);
    }

    [Fact]
    public void A_satisfied_answer_leaves_the_complaint_resolved_and_a_second_answer_is_refused()
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "policy", null), "secret-token", Now).State;

        var answered = _survey.Answer(resolved, "secret-token", 5, null, "en", Now).State;

        Assert.Equal(ComplaintStatus.Resolved, answered.Status);
        Assert.Equal(RefusalKind.WrongState, Assert.Throws<DeskRefusal>(() => _survey.Answer(answered, "secret-token", 4, null, "en", Now)).Kind);
    }

    [Theory]
    [InlineData("wrong-token", 4, RefusalKind.Forbidden)]
    [InlineData("secret-token", 0, RefusalKind.Invalid)]
    [InlineData("secret-token", 6, RefusalKind.Invalid)]
    public void A_survey_answer_needs_the_token_sent_with_the_resolution_and_a_score_from_1_to_5(string token, int score, RefusalKind kind)
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "policy", null), "secret-token", Now).State;

        Assert.Equal(kind, Assert.Throws<DeskRefusal>(() => _survey.Answer(resolved, token, score, null, "zh-Hant", Now)).Kind);
    }

    [Fact]
    public void A_refused_answer_speaks_the_language_of_the_survey_page_not_the_desks()
    {
        var resolved = _desk.Resolve(OpenComplaint(), Agent, new ResolutionInput("Done.", "policy", null), "secret-token", Now).State;

        var refusal = Assert.Throws<DeskRefusal>(() => _survey.Answer(resolved, "secret-token", 9, null, "zh-Hans", Now));

        var error = Assert.Single(refusal.Errors);
        Assert.Equal("score", error.Field);
        Assert.Equal(DeskMessages.Format("zh-Hans", "score"), error.Message);
        Assert.NotEqual(DeskMessages.Format("en", "score"), error.Message);
    }
}
