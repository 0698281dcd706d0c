using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Desk.Incidents;

/// <summary>An incident as staff open it: texts keyed by language (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>).</summary>
public sealed record IncidentInput(string? Area, string? Category, string? StartsAt, string? EndsAt, IReadOnlyDictionary<string, string>? Description);

/// <summary>An update: its words by language, and optionally the new status (<c>open</c> or <c>monitoring</c>).</summary>
public sealed record IncidentUpdateInput(IReadOnlyDictionary<string, string>? Text, string? Status);

/// <summary>The incident's resolution: the written resolution by language, and the root cause of the taxonomy.</summary>
public sealed record IncidentResolutionInput(IReadOnlyDictionary<string, string>? Text, string? RootCause, string? CorrectiveAction);

/// <summary>
/// What staff do with incidents, and what an incident does to each linked complaint. Like <see cref="ComplaintDesk"/>
/// it decides and returns the new state (the incident, or the complaint's change with its events); nothing here does
/// I/O. Roles: agents link, unlink and confirm a suggestion (the work on one complaint); supervisors open, update and
/// resolve incidents (one decision that reaches every linked customer).
/// </summary>
public sealed class IncidentDesk(PortalOptions options, IncidentAreas areas, TriagePolicy policy, ComplaintDesk desk)
{
    public const string Opened = "opened";
    public const string Updated = "updated";
    public const string ResolvedEvent = "resolved";

    /// <summary>The category ids an incident may have: those of the triage taxonomy.</summary>
    public IReadOnlyList<string> Categories => [.. policy.Categories.Select(c => c.Id), policy.FallbackCategory];

    public Incident Open(string id, IncidentInput input, StaffMember staff, DateTimeOffset now)
    {
        EnsureSupervisor(staff);
        var errors = new List<Intake.ValidationError>();
        var area = areas.Find(input.Area);
        if (area is null)
        {
            errors.Add(IncidentMessages.Error(staff, "area", "area", string.Join(", ", areas.Areas.Select(a => a.Key))));
        }

        var category = input.Category?.Trim();
        if (category is null || !Categories.Contains(category))
        {
            errors.Add(IncidentMessages.Error(staff, "category", "category", string.Join(", ", Categories)));
        }

        var startsAt = ParseInstant(input.StartsAt);
        if (startsAt is null)
        {
            errors.Add(IncidentMessages.Error(staff, "startsAt", "starts-at"));
        }

        DateTimeOffset? endsAt = null;
        if (!string.IsNullOrWhiteSpace(input.EndsAt))
        {
            endsAt = ParseInstant(input.EndsAt);
            if (endsAt is null || (startsAt is not null && endsAt <= startsAt))
            {
                errors.Add(IncidentMessages.Error(staff, "endsAt", "ends-at"));
            }
        }

        var description = Texts(staff, "description", input.Description, errors);
        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var incident = new Incident
        {
            Id = id,
            Area = area!.ToArea(),
            Category = category!,
            StartsAt = startsAt!.Value,
            EndsAt = endsAt,
            Description = description!,
            OpenedBy = staff.Id,
            OpenedAt = now,
        };
        return incident.Record(Opened, staff.Id, now, new Dictionary<string, string> { ["area"] = area.Key, ["category"] = category! });
    }

    /// <summary>
    /// An incident opened from a complaint: what is not given comes from it (its area as triage reads it, its
    /// category, its time), and the complaint is linked in the same step (<see cref="Link"/>).
    /// </summary>
    public Incident OpenFrom(Complaint complaint, string id, IncidentInput input, StaffMember staff, DateTimeOffset now)
    {
        var area = input.Area ?? areas.Evidence(complaint.Facts?.Place, complaint.Subject, complaint.Text, complaint.Contact.Phone)
            .Values.OrderByDescending(e => e.Confidence).FirstOrDefault()?.AreaKey;
        var startsAt = input.StartsAt ?? (complaint.Facts?.EventTime ?? complaint.ReceivedAt).ToString("o", CultureInfo.InvariantCulture);
        return Open(id, input with { Area = area, Category = input.Category ?? complaint.Triage?.PrimaryCategory, StartsAt = startsAt }, staff, now);
    }

    public Incident PostUpdate(Incident incident, IncidentUpdateInput input, StaffMember staff, DateTimeOffset now)
    {
        EnsureSupervisor(staff);
        EnsureNotResolved(incident, staff);
        var errors = new List<Intake.ValidationError>();
        var text = Texts(staff, "text", input.Text, errors);
        var status = incident.Status;
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            var wanted = Enum.GetValues<IncidentStatus>().Where(s => s != IncidentStatus.Resolved && Incident.NameOf(s) == input.Status.Trim()).ToList();
            if (wanted.Count == 0)
            {
                errors.Add(IncidentMessages.Error(staff, "status", "status"));
            }
            else
            {
                status = wanted[0];
            }
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        var update = new IncidentUpdate { Id = $"u{incident.Updates.Count + 1}", At = now, By = staff.Id, Text = text! };
        return (incident with
        {
            Updates = [.. incident.Updates, update],
            Status = status,
            // Monitoring means the fault is over: complaints from after now are not about it.
            EndsAt = status == IncidentStatus.Monitoring ? incident.EndsAt ?? now : incident.EndsAt,
        }).Record(Updated, staff.Id, now, new Dictionary<string, string> { ["update"] = update.Id, ["status"] = Incident.NameOf(status) });
    }

    public Incident Resolve(Incident incident, IncidentResolutionInput input, StaffMember staff, DateTimeOffset now)
    {
        EnsureSupervisor(staff);
        EnsureNotResolved(incident, staff);
        var errors = new List<Intake.ValidationError>();
        var text = Texts(staff, "resolution", input.Text, errors);
        var rootCause = input.RootCause?.Trim();
        if (rootCause is null || !options.RootCauseTaxonomy.Contains(rootCause))
        {
            errors.Add(IncidentMessages.Error(staff, "rootCause", "root-cause", string.Join(", ", options.RootCauseTaxonomy)));
        }

        var corrective = input.CorrectiveAction?.Trim();
        if (corrective?.Length > options.MaxTextLength)
        {
            errors.Add(IncidentMessages.Error(staff, "correctiveAction", "too-long", options.MaxTextLength));
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        return (incident with
        {
            Status = IncidentStatus.Resolved,
            EndsAt = incident.EndsAt ?? now,
            Resolution = new IncidentResolution
            {
                Text = text!,
                RootCause = rootCause!,
                CorrectiveAction = string.IsNullOrEmpty(corrective) ? null : corrective,
                ResolvedBy = staff.Id,
                ResolvedAt = now,
            },
        }).Record(ResolvedEvent, staff.Id, now, new Dictionary<string, string> { ["rootCause"] = rootCause! });
    }

    /// <summary>Links the complaint (moving it from another incident if it was linked to one); the suggestion is settled.</summary>
    public ComplaintChange Link(Complaint complaint, Incident incident, StaffMember staff, DateTimeOffset now)
    {
        EnsureComplaintOpen(complaint, staff);
        EnsureNotResolved(incident, staff);
        if (complaint.IncidentId == incident.Id)
        {
            throw IncidentMessages.Refuse(RefusalKind.WrongState, staff, "incident", "already-linked", incident.Id);
        }

        var data = new Dictionary<string, string> { ["incident"] = incident.Id, ["area"] = incident.Area.Key, ["from"] = complaint.IncidentId ?? string.Empty };
        if (complaint.IncidentSuggestion?.IncidentId == incident.Id)
        {
            data["confirmed"] = "true";
            data["confidence"] = IncidentAreas.Format(complaint.IncidentSuggestion.Confidence);
        }

        return complaint.Change(now)
            .Apply(c => c with { IncidentId = incident.Id, IncidentSuggestion = null })
            .Record(EventTypes.IncidentLinked, staff.Id, data);
    }

    /// <summary>The incident triage suggested, for <see cref="Link"/>; refused when there is none.</summary>
    public string Suggested(Complaint complaint, StaffMember staff) =>
        complaint.IncidentSuggestion?.IncidentId ?? throw IncidentMessages.Refuse(RefusalKind.WrongState, staff, "incident", "no-suggestion");

    public ComplaintChange Unlink(Complaint complaint, StaffMember staff, string? reason, DateTimeOffset now)
    {
        if (complaint.IncidentId is not { } linked)
        {
            throw IncidentMessages.Refuse(RefusalKind.WrongState, staff, "incident", "not-linked");
        }

        var why = reason?.Trim();
        if (why?.Length > 500)
        {
            throw IncidentMessages.Refuse(RefusalKind.Invalid, staff, "reason", "too-long", 500);
        }

        return complaint.Change(now)
            .Apply(c => c with { IncidentId = null, IncidentSuggestion = null })
            .Record(EventTypes.IncidentUnlinked, staff.Id, new Dictionary<string, string> { ["incident"] = linked, ["reason"] = why ?? string.Empty });
    }

    /// <summary>
    /// The update as a notice to this complaint's customer, in their language; null when the complaint is no longer
    /// linked to the incident, is resolved, was erased, or already has its notice of this update. The notice names
    /// the update (<c>incidentUpdate</c>), so a redelivered update or a re-run asks for no second one, and Notify's
    /// claim sends each notice once.
    /// </summary>
    public static ComplaintChange? NoticeOf(Complaint complaint, Incident incident, IncidentUpdate update, DateTimeOffset now)
    {
        var key = $"{incident.Id}/{update.Id}";
        if (complaint.IncidentId != incident.Id || complaint.ErasedAt is not null
            || complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed
            || complaint.Notifications.Any(n => n.Kind == NotificationKind.Incident && n.Data.GetValueOrDefault("incidentUpdate") == key))
        {
            return null;
        }

        var data = new Dictionary<string, string>
        {
            ["incident"] = incident.Id,
            ["incidentUpdate"] = key,
            ["text"] = LocalisedText.In(update.Text, complaint.Language),
        };
        var change = complaint.Change(now).Apply(c => Notices.ForCustomer(c, NotificationKind.Incident, now, data));
        var added = change.State.Notifications.Skip(complaint.Notifications.Count).ToList();
        return change.Record(EventTypes.IncidentNotice, Actors.System, new Dictionary<string, string>
        {
            ["incident"] = incident.Id,
            ["update"] = update.Id,
            ["notices"] = string.Join(",", added.Select(n => $"{n.Kind}/{n.Channel}")),
        });
    }

    /// <summary>
    /// This complaint's own written resolution from the incident's, in its customer's language, through the desk's
    /// normal resolution (its clocks met, its letter, its follow-up and survey), by the supervisor who resolved the
    /// incident. Null when it is not linked to the incident any more, or is already resolved since the incident's
    /// resolution (a redelivered message). A complaint the desk refuses to resolve as it stands (a compensation
    /// awaiting approval) is left open for staff: null as well.
    /// </summary>
    public ComplaintChange? ResolveLinked(Complaint complaint, Incident incident, string surveyToken, DateTimeOffset now)
    {
        if (incident.Resolution is not { } resolution || complaint.IncidentId != incident.Id
            || complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed || complaint.ErasedAt is not null)
        {
            return null;
        }

        var resolver = new StaffMember(resolution.ResolvedBy, resolution.ResolvedBy, IsSupervisor: true);
        try
        {
            return desk.Resolve(complaint, resolver, new ResolutionInput(LocalisedText.In(resolution.Text, complaint.Language), resolution.RootCause, resolution.CorrectiveAction), surveyToken, now);
        }
        catch (DeskRefusal)
        {
            return null;
        }
    }

    private IReadOnlyDictionary<string, string>? Texts(StaffMember staff, string field, IReadOnlyDictionary<string, string>? given, List<Intake.ValidationError> errors)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in given ?? new Dictionary<string, string>())
        {
            var known = SupportedLanguages.Normalise(language);
            if (known is null || !string.Equals(known, language, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(IncidentMessages.Error(staff, $"{field}.{language}", "language"));
                continue;
            }

            var trimmed = text?.Trim();
            if (string.IsNullOrEmpty(trimmed))
            {
                continue;
            }

            if (trimmed.Length > options.MaxTextLength)
            {
                errors.Add(IncidentMessages.Error(staff, $"{field}.{known}", "too-long", options.MaxTextLength));
                continue;
            }

            texts[known] = trimmed;
        }

        if (texts.Count == 0)
        {
            errors.Add(IncidentMessages.Error(staff, field, "description"));
            return null;
        }

        return texts;
    }

    private static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text!.Trim().Length >= 10 ? at.ToUniversalTime() : null;

    private static void EnsureSupervisor(StaffMember staff)
    {
        if (!staff.IsSupervisor)
        {
            throw new DeskRefusal(RefusalKind.Forbidden, [new Intake.ValidationError("role", "Only a supervisor can open, update or resolve an incident.")]);
        }
    }

    private static void EnsureNotResolved(Incident incident, StaffMember staff)
    {
        if (incident.Status == IncidentStatus.Resolved)
        {
            throw IncidentMessages.Refuse(RefusalKind.WrongState, staff, "incident", "incident-resolved");
        }
    }

    private static void EnsureComplaintOpen(Complaint complaint, StaffMember staff)
    {
        if (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed)
        {
            throw IncidentMessages.Refuse(RefusalKind.WrongState, staff, "status", "closed");
        }
    }
}
