using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

/// <param name="Method"><c>call</c> or <c>message</c>.</param>
/// <param name="Outcome"><c>satisfied</c>, <c>not-satisfied</c> or <c>no-answer</c>.</param>
public sealed record FollowUpInput(string? Method, string? Outcome, string? Note);

/// <summary>
/// The follow-up (回访) owed after every resolution: planned when the complaint is resolved, with its own deadline
/// (<c>followUp</c> in the deadline policy); done from the desk by a call or a message whose outcome staff record, or
/// by the customer answering the survey (its self-service form). Satisfied ends it; not satisfied opens the complaint
/// again with a callback owed, as a dissatisfied survey answer does; after the policy's number of tries that did not
/// reach the customer, the complaint is closed as unreachable. Every step is an event on the timeline.
/// </summary>
public sealed class FollowUpTasks(DeadlinePlanner planner)
{
    private const int MaxNoteLength = 500;

    /// <summary>Adds the follow-up of the resolution <paramref name="change"/> has just recorded (nothing when the policy has none).</summary>
    public void Plan(ComplaintChange change)
    {
        if (change.State.Resolution is not { } resolution || planner.PlanFollowUp(resolution.ResolvedAt) is not { } deadline)
        {
            return;
        }

        var followUp = new FollowUp { ResolvedAt = resolution.ResolvedAt, DueAt = deadline.DueAt };
        change.Apply(c => c with { Deadlines = [.. c.Deadlines, deadline], FollowUps = [.. c.FollowUps, followUp] })
            .Record(EventTypes.FollowUpPlanned, Actors.System, new Dictionary<string, string>
            {
                ["due"] = deadline.DueAt.ToString("o", CultureInfo.InvariantCulture),
            });
    }

    /// <summary>A member of staff records one try at the follow-up and what came of it.</summary>
    public ComplaintChange Record(Complaint complaint, StaffMember staff, FollowUpInput input, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var method = input.Method?.Trim();
        if (method is null || !FollowUpMethods.ByStaff.Contains(method))
        {
            errors.Add(Error(staff, "method", "follow-up-method"));
        }

        var outcome = input.Outcome?.Trim();
        if (outcome is null || !FollowUpOutcomes.ByStaff.Contains(outcome))
        {
            errors.Add(Error(staff, "outcome", "follow-up-outcome"));
        }

        var note = input.Note?.Trim();
        if (note?.Length > MaxNoteLength)
        {
            errors.Add(new ValidationError("note", DeskMessages.Format(staff.Language, "too-long", MaxNoteLength)));
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        if (complaint.FollowUps.LastOrDefault() is not { IsOpen: true } open)
        {
            throw new DeskRefusal(RefusalKind.WrongState, [Error(staff, "status", "no-follow-up")]);
        }

        var attempt = new FollowUpAttempt { At = now, By = staff.Id, Method = method!, Outcome = outcome! };
        var tries = open.Attempts.Count + 1;
        var data = new Dictionary<string, string>
        {
            ["method"] = attempt.Method,
            ["outcome"] = attempt.Outcome,
            ["attempt"] = tries.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(note))
        {
            data["note"] = note;
        }

        var change = complaint.Change(now)
            .Apply(c => WithOpen(c, f => f with { Attempts = [.. f.Attempts, attempt] }))
            .Record(EventTypes.FollowUpAttempt, staff.Id, data);
        var attempts = planner.FollowUpAttempts;
        switch (outcome)
        {
            case FollowUpOutcomes.Satisfied:
                Complete(change, FollowUpOutcomes.Satisfied, method!, staff.Id, now);
                break;
            case FollowUpOutcomes.NotSatisfied:
                Complete(change, FollowUpOutcomes.NotSatisfied, method!, staff.Id, now);
                Reopen(change, staff.Id, "dissatisfied-follow-up", now);
                break;
            case FollowUpOutcomes.NoAnswer when tries >= attempts:
                // Tried as often as the policy asks: the follow-up ends, and so does the complaint.
                Complete(change, FollowUpOutcomes.Unreachable, method!, staff.Id, now);
                change.Apply(c => c with { Status = ComplaintStatus.Closed })
                    .Record(EventTypes.Closed, staff.Id, new Dictionary<string, string> { ["reason"] = FollowUpOutcomes.Unreachable });
                break;
        }

        return change;
    }

    /// <summary>
    /// The customer's survey answer completes the follow-up still owed for the resolution it answers; a dissatisfied
    /// answer is "not satisfied" (the survey itself reopens the complaint with a callback owed).
    /// </summary>
    public static void CompleteBySurvey(ComplaintChange change, bool dissatisfied, DateTimeOffset now)
    {
        if (change.State.FollowUps.LastOrDefault() is { IsOpen: true } open && open.ResolvedAt == change.State.Resolution?.ResolvedAt)
        {
            Complete(change, dissatisfied ? FollowUpOutcomes.NotSatisfied : FollowUpOutcomes.Satisfied, FollowUpMethods.Survey, Actors.Customer, now);
        }
    }

    private void Reopen(ComplaintChange change, string actor, string reason, DateTimeOffset now)
    {
        var callback = planner.PlanCallback(now);
        change.Apply(c => Reopening.Reopen(c, now, callback))
            .Record(EventTypes.Reopened, actor, new Dictionary<string, string> { ["reason"] = reason });
    }

    private static void Complete(ComplaintChange change, string outcome, string method, string actor, DateTimeOffset now)
    {
        var due = change.State.FollowUps[^1].DueAt;
        change.Apply(c => WithOpen(c, f => f with { Outcome = outcome, Method = method, CompletedAt = now, CompletedBy = actor }) with
        {
            Deadlines = [.. c.Deadlines.Select(d => d.IsOpen && d.Kind == DeadlineKinds.FollowUp ? d with { MetAt = now } : d)],
        })
            .Record(EventTypes.FollowUpCompleted, actor, new Dictionary<string, string>
            {
                ["outcome"] = outcome,
                ["method"] = method,
                ["onTime"] = now <= due ? "true" : "false",
            });
    }

    private static Complaint WithOpen(Complaint complaint, Func<FollowUp, FollowUp> update) =>
        complaint with { FollowUps = [.. complaint.FollowUps.Select(f => f.IsOpen ? update(f) : f)] };

    private static ValidationError Error(StaffMember staff, string field, string key) =>
        new(field, FollowUpMessages.Format(staff.Language, key));
}

/// <summary>What the desk says when it refuses a follow-up, in the three languages staff may use.</summary>
public static class FollowUpMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["follow-up-method"] = "Choose how you followed up: call or message.",
            ["follow-up-outcome"] = "Choose what came of it: satisfied, not satisfied, or no answer.",
            ["no-follow-up"] = "This complaint has no follow-up owed.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["follow-up-method"] = "请选择回访方式：电话或留言。",
            ["follow-up-outcome"] = "请选择回访结果：满意、不满意或未接通。",
            ["no-follow-up"] = "该投诉没有待回访的任务。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["follow-up-method"] = "請選擇回訪方式：電話或留言。",
            ["follow-up-outcome"] = "請選擇回訪結果：滿意、不滿意或未接通。",
            ["no-follow-up"] = "該投訴沒有待回訪的任務。",
        },
    };

    public static string Format(string language, string key) =>
        (Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English])[key];
}
