using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Desk;

public sealed record ResolutionInput(string? Text, string? RootCause, string? CorrectiveAction);

public sealed record CompensationInput(decimal? Amount, string? Currency, string? Reason, bool Accepted);

public static class DeskEventTypes
{
    public const string Compensation = "compensation";
}

/// <summary>
/// What staff do to a complaint from the portal. Each action checks who asks and what state the complaint is in,
/// then returns the change (new state and the events that explain it) for the store to write under the version the
/// person read; nothing here does I/O.
/// </summary>
public sealed class ComplaintDesk(PortalOptions options, DeadlineClock clock, DeadlinePlanner planner)
{
    private const int MaxReasonLength = 500;
    private readonly CompensationLimits _compensationLimits = new(options);
    private readonly TeamDirectory _teams = new(options);

    /// <summary>Takes first-contact ownership; the history keeps who owned it before.</summary>
    public ComplaintChange Claim(Complaint complaint, StaffMember staff, DateTimeOffset now) => Assign(complaint, staff, staff.Id, now);

    public ComplaintChange Assign(Complaint complaint, StaffMember staff, string? assignee, DateTimeOffset now) =>
        Assign(complaint, staff, assignee, team: null, now);

    /// <summary>
    /// Gives the complaint to a person, to a team, or to a person in a team. Handed to a team alone, it waits in the
    /// team's queue for a member to take it (an owner who is not a member lets it go). Given to a person alone, it
    /// stays in its team when they are a member, else moves to their team when they have exactly one. The team must
    /// be one the desk has; the person (checked by the caller against <see cref="StaffDirectory"/>) must then be one
    /// of its members. The history keeps who and which team it came from.
    /// </summary>
    public ComplaintChange Assign(Complaint complaint, StaffMember staff, string? assignee, string? team, DateTimeOffset now)
    {
        assignee = assignee?.Trim();
        team = team?.Trim();
        if (string.IsNullOrEmpty(assignee) && string.IsNullOrEmpty(team))
        {
            throw Refuse(RefusalKind.Invalid, staff, "assignee", "required");
        }

        if (assignee is { Length: > 200 })
        {
            throw Refuse(RefusalKind.Invalid, staff, "assignee", "too-long", 200);
        }

        Team? chosen = null;
        if (!string.IsNullOrEmpty(team))
        {
            chosen = _teams.Find(team) ?? throw Refuse(RefusalKind.Invalid, staff, "team", "unknown-team", team.Length > 100 ? team[..100] + "…" : team);
            if (!string.IsNullOrEmpty(assignee) && !TeamDirectory.IsMember(chosen, assignee))
            {
                throw Refuse(RefusalKind.Invalid, staff, "assignee", "not-in-team", assignee, chosen.Name);
            }
        }

        EnsureOpen(complaint, staff);
        var owner = string.IsNullOrEmpty(assignee)
            ? (complaint.Owner is not null && TeamDirectory.IsMember(chosen!, complaint.Owner) ? complaint.Owner : null)
            : assignee;
        if (!staff.IsSupervisor)
        {
            if (complaint.Owner is not null && complaint.Owner != staff.Id)
            {
                throw Refuse(RefusalKind.Forbidden, staff, "assignee", "owned", complaint.Owner);
            }

            // An agent takes a complaint, or hands their own (or an unowned one) to a team, never to a colleague.
            if (owner is not null && owner != staff.Id)
            {
                throw Refuse(RefusalKind.Forbidden, staff, "assignee", "assign-others");
            }
        }

        var current = _teams.Find(complaint.Team);
        var newTeam = chosen?.Id
            ?? (current is not null && TeamDirectory.IsMember(current, owner) ? current.Id
                : _teams.TeamsOf(owner) is [var only] ? only.Id
                : complaint.Team);
        var data = new Dictionary<string, string>
        {
            ["from"] = complaint.Owner ?? string.Empty,
            ["to"] = owner ?? string.Empty,
        };
        if (complaint.Team is not null || newTeam is not null)
        {
            data["fromTeam"] = complaint.Team ?? string.Empty;
            data["team"] = newTeam ?? string.Empty;
        }

        return complaint.Change(now)
            .Apply(c => c with { Owner = owner, Team = newTeam })
            .Record(EventTypes.Assigned, staff.Id, data);
    }

    /// <summary>
    /// Overrides the triaged priority. The internal clocks are planned again for the new priority (a P1's hour, a
    /// P4's working days) and the event keeps the reason and every clock's old and new date; statutory clocks never move.
    /// </summary>
    public ComplaintChange ChangePriority(Complaint complaint, StaffMember staff, string? priority, string? reason, DateTimeOffset now)
    {
        if (!Enum.TryParse<Priority>(priority?.Trim(), ignoreCase: false, out var wanted) || !Enum.IsDefined(wanted) || !priority!.Trim().StartsWith('P'))
        {
            throw Refuse(RefusalKind.Invalid, staff, "priority", "priority-invalid");
        }

        var why = RequiredText(staff, "reason", reason, MaxReasonLength);
        EnsureOpen(complaint, staff);
        if (complaint.Triage is not { } triage)
        {
            throw Refuse(RefusalKind.WrongState, staff, "status", "not-triaged");
        }

        if (triage.Priority == wanted)
        {
            throw Refuse(RefusalKind.Invalid, staff, "priority", "priority-same");
        }

        var replanned = planner.Replan(complaint, wanted, now);
        var data = DeadlinePlanner.DescribeReplan(complaint, replanned, wanted, why);
        data["trigger"] = PriorityTriggers.Staff;
        return complaint.Change(now)
            .Apply(c => c with { Triage = triage with { Priority = wanted }, Deadlines = replanned })
            .Record(EventTypes.PriorityChanged, staff.Id, data);
    }

    /// <summary>An internal note: visible to staff on the timeline, never to the customer.</summary>
    public ComplaintChange AddNote(Complaint complaint, StaffMember staff, string? text, DateTimeOffset now)
    {
        var note = RequiredText(staff, "text", text, options.MaxTextLength);
        return complaint.Change(now).Record(EventTypes.Note, staff.Id, new Dictionary<string, string> { ["text"] = note });
    }

    /// <summary>Waiting on the customer pauses the internal clocks; statutory clocks keep running.</summary>
    public ComplaintChange WaitOnCustomer(Complaint complaint, StaffMember staff, string? reason, DateTimeOffset now)
    {
        EnsureOpen(complaint, staff);
        if (complaint.Status == ComplaintStatus.WaitingOnCustomer)
        {
            throw Refuse(RefusalKind.WrongState, staff, "status", "already-waiting");
        }

        var why = OptionalText(staff, "reason", reason, MaxReasonLength);
        var paused = clock.Pause(complaint.Deadlines, now);
        var data = DeadlineClock.Describe(complaint.Deadlines, paused);
        data["reason"] = why ?? string.Empty;
        return complaint.Change(now)
            .Apply(c => c with { Status = ComplaintStatus.WaitingOnCustomer, Deadlines = paused })
            .Record(EventTypes.Paused, staff.Id, data);
    }

    /// <summary>The customer answered: internal clocks run again, moved on by the time spent waiting.</summary>
    public ComplaintChange Resume(Complaint complaint, StaffMember staff, DateTimeOffset now)
    {
        if (complaint.Status != ComplaintStatus.WaitingOnCustomer)
        {
            throw Refuse(RefusalKind.WrongState, staff, "status", "not-waiting");
        }

        var resumed = clock.Resume(complaint.Deadlines, now);
        return complaint.Change(now)
            .Apply(c => c with { Status = ComplaintStatus.Open, Deadlines = resumed })
            .Record(EventTypes.Resumed, staff.Id, DeadlineClock.Describe(complaint.Deadlines, resumed));
    }

    public ComplaintChange RecordCompensation(Complaint complaint, StaffMember staff, CompensationInput input, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        if (input.Amount is not { } amount || amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            errors.Add(Error(staff, "amount", "amount"));
        }

        var currency = input.Currency?.Trim().ToUpperInvariant();
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add(Error(staff, "currency", "currency"));
        }
        else if (_compensationLimits.CeilingOf(currency) is not { } ceiling)
        {
            errors.Add(new ValidationError("currency", DeskDecisionMessages.Format(staff.Language, "currency-not-offered", currency, string.Join(", ", _compensationLimits.Currencies))));
        }
        else if (input.Amount > ceiling)
        {
            // A hard ceiling nobody can approve past: GBP 99,999,999 is a typo (or worse), not redress.
            errors.Add(new ValidationError("amount", DeskDecisionMessages.Format(staff.Language, "above-ceiling", currency, ceiling.ToString("0.##", CultureInfo.InvariantCulture))));
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(Error(staff, "reason", "required"));
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add(Error(staff, "reason", "too-long", MaxReasonLength));
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var compensation = new Compensation
        {
            Amount = input.Amount!.Value,
            Currency = currency!,
            Reason = reason!,
            Accepted = input.Accepted,
            RecordedBy = staff.Id,
            RecordedAt = now,

            // Above the recorder's own limit it is not redress until a supervisor other than them approves it.
            Approval = _compensationLimits.NeedsApproval(staff, input.Amount!.Value, currency!) ? CompensationApproval.Awaiting : CompensationApproval.NotNeeded,
        };
        return complaint.Change(now)
            .Apply(c => c with { Compensations = [.. c.Compensations, compensation] })
            .Record(DeskEventTypes.Compensation, staff.Id, new Dictionary<string, string>
            {
                ["amount"] = compensation.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                ["currency"] = compensation.Currency,
                ["accepted"] = compensation.Accepted ? "true" : "false",
                ["reason"] = compensation.Reason,
                ["number"] = (complaint.Compensations.Count + 1).ToString(CultureInfo.InvariantCulture),
                ["approval"] = CompensationApprovals.Code(compensation.Approval),
                ["limit"] = _compensationLimits.LimitOf(staff, compensation.Currency).ToString("0.00", CultureInfo.InvariantCulture),
            });
    }

    /// <summary>
    /// Resolves with a written resolution: every open clock is met, the resolution goes to the customer by email
    /// (and a pointer by SMS where they complained by SMS, or by SMS alone when we have no email), followed by the
    /// satisfaction survey once it is sent. <paramref name="surveyToken"/> is the unguessable part of the survey link.
    /// </summary>
    public ComplaintChange Resolve(Complaint complaint, StaffMember staff, ResolutionInput input, string surveyToken, DateTimeOffset now)
    {
        EnsureOpen(complaint, staff);
        CompensationApprovals.EnsureNoneAwaiting(complaint, staff);
        var errors = new List<ValidationError>();
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(Error(staff, "resolution", "required"));
        }
        else if (text.Length > options.MaxTextLength)
        {
            errors.Add(Error(staff, "resolution", "too-long", options.MaxTextLength));
        }

        var taxonomy = options.RootCauseTaxonomy;
        var rootCause = input.RootCause?.Trim();
        if (rootCause is null || !taxonomy.Contains(rootCause))
        {
            errors.Add(Error(staff, "rootCause", "root-cause", string.Join(", ", taxonomy)));
        }

        var corrective = input.CorrectiveAction?.Trim();
        if (corrective?.Length > options.MaxTextLength)
        {
            errors.Add(Error(staff, "correctiveAction", "too-long", options.MaxTextLength));
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var resolution = new Resolution
        {
            Text = text!,
            RootCause = rootCause!,
            CorrectiveAction = string.IsNullOrEmpty(corrective) ? null : corrective,
            ResolvedBy = staff.Id,
            ResolvedAt = now,
            SurveyToken = surveyToken,
        };
        // The survey is asked for when the resolution is sent (Notices.AfterSent), never before it.
        var withNotices = Notices.ForCustomer(complaint, NotificationKind.Resolution, now);
        var notices = withNotices.Notifications.Skip(complaint.Notifications.Count).ToList();
        return complaint.Change(now)
            .Apply(c => c with
            {
                Status = ComplaintStatus.Resolved,
                Owner = c.Owner ?? staff.Id,
                Resolution = resolution,
                Deadlines = MetByResolution(c.Deadlines, now),
                Notifications = [.. c.Notifications, .. notices],
            })
            .Record(EventTypes.Resolved, staff.Id, new Dictionary<string, string>
            {
                ["rootCause"] = resolution.RootCause,
                ["correctiveAction"] = resolution.CorrectiveAction ?? string.Empty,
                ["notices"] = string.Join(",", notices.Select(n => $"{n.Kind}/{n.Channel}")),
            });
    }

    public ComplaintChange Reopen(Complaint complaint, StaffMember staff, string? reason, DateTimeOffset now)
    {
        if (complaint.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed))
        {
            throw Refuse(RefusalKind.WrongState, staff, "status", "not-resolved");
        }

        var why = RequiredText(staff, "reason", reason, MaxReasonLength);
        return complaint.Change(now)
            .Apply(c => Reopening.Reopen(c))
            .Record(EventTypes.Reopened, staff.Id, new Dictionary<string, string> { ["reason"] = why });
    }

    /// <summary>
    /// A resolution meets every open clock; a callback promised after a dissatisfied survey answer is met by the
    /// resolution that follows it.
    /// </summary>
    private static IReadOnlyList<Deadline> MetByResolution(IReadOnlyList<Deadline> deadlines, DateTimeOffset now) =>
        [.. Deadline.MeetAll(deadlines, MilestoneNames.Resolution, now).Select(d => d.IsOpen && d.Kind == DeadlineKinds.Callback ? d with { MetAt = now } : d)];

    private static void EnsureOpen(Complaint complaint, StaffMember staff)
    {
        if (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed)
        {
            throw Refuse(RefusalKind.WrongState, staff, "status", "closed");
        }
    }

    private static string RequiredText(StaffMember staff, string field, string? value, int max) =>
        OptionalText(staff, field, value, max) ?? throw Refuse(RefusalKind.Invalid, staff, field, "required");

    private static string? OptionalText(StaffMember staff, string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > max ? throw Refuse(RefusalKind.Invalid, staff, field, "too-long", max) : text;
    }

    private static ValidationError Error(StaffMember staff, string field, string key, params object[] args) =>
        new(field, DeskMessages.Format(staff.Language, key, args));

    private static DeskRefusal Refuse(RefusalKind kind, StaffMember staff, string field, string key, params object[] args) =>
        new(kind, [Error(staff, field, key, args)]);
}
