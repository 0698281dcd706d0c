using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Desk;

/// <summary>Where a clock stands: <c>met</c>, <c>running</c>, <c>overdue</c> or <c>paused</c>.</summary>
public sealed record ClockView
{
    public required string Kind { get; init; }
    public required string Clock { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? MetAt { get; init; }
    public required string State { get; init; }

    /// <summary>Counted in working time past the end of the calendar's holiday data: the date may move once next year is entered.</summary>
    public bool Provisional { get; init; }

    /// <summary>Minutes left (negative: overdue by); for a met clock, how early (positive) or late (negative) it was met.</summary>
    public required long MinutesLeft { get; init; }
}

/// <summary>
/// The customer was not reached: which notices failed and why, and what happens next: <c>sms</c> or <c>email</c> when
/// the same notice is on its way by the other channel, <c>call</c> when there is none left to try.
/// </summary>
public sealed record NotReachedView(IReadOnlyList<string> Reasons, string Next);

/// <summary>Everything the complaint page shows. Text is data here; the page renders it as text, never as HTML.</summary>
public sealed record ComplaintView
{
    public required string Id { get; init; }
    public required string Reference { get; init; }
    public required string Version { get; init; }

    /// <summary>The last history entry this view includes; tells a colleague's change from the system's bookkeeping.</summary>
    public required int LastSequence { get; init; }
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public required string Language { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public required ContactDetails Contact { get; init; }
    public string? Subject { get; init; }
    public required string Text { get; init; }

    /// <summary>The record card: place, account, when it began, the demand (4W1H), and which were read from the text.</summary>
    public ComplaintFacts? Facts { get; init; }

    /// <summary>The payload as received (blob name), and any attachments kept with it.</summary>
    public string? RawPayload { get; init; }
    public string? Owner { get; init; }
    public string? Team { get; init; }
    public TriageResult? Triage { get; init; }
    public required IReadOnlyList<ClockView> Clocks { get; init; }
    public required IReadOnlyList<ComplaintEvent> Timeline { get; init; }
    public required IReadOnlyList<Notification> Notifications { get; init; }
    public Resolution? Resolution { get; init; }
    public required IReadOnlyList<Compensation> Compensations { get; init; }
    public required IReadOnlyList<SurveyAnswer> SurveyAnswers { get; init; }
    public required IReadOnlyList<string> RootCauses { get; init; }

    /// <summary>Later messages from the customer (email replies, further texts), oldest first.</summary>
    public IReadOnlyList<CustomerReply> Replies { get; init; } = [];
    public IReadOnlyList<ComplaintAttachment> Attachments { get; init; } = [];

    /// <summary>Files the customer sent that were not kept, with why (shown in the attachments table).</summary>
    public IReadOnlyList<AttachmentNotKept> AttachmentsNotKept { get; init; } = [];

    /// <summary>Set while the customer is not reached; the page flags it above everything else.</summary>
    public NotReachedView? NotReached { get; init; }

    /// <summary>The currency the compensation form starts with: the complaint's market (<see cref="CompensationCurrency"/>).</summary>
    public string DefaultCurrency { get; init; } = "CNY";

    /// <summary>Handling plans for the situations triage found (<see cref="HandlingGuidance"/>), in every desk language.</summary>
    public IReadOnlyList<Guidance> Guidance { get; init; } = [];

    public static ComplaintView Of(VersionedComplaint versioned, IReadOnlyList<ComplaintEvent> history, IReadOnlyList<string> rootCauses, DateTimeOffset now, DeadlineRules? rules = null)
    {
        var c = versioned.Complaint;
        return new ComplaintView
        {
            DefaultCurrency = rules is null ? "CNY" : CompensationCurrency.For(c, rules),
            Id = c.Id,
            Reference = c.Reference,
            Version = versioned.Version,
            LastSequence = c.LastEventSequence,
            Status = c.Status.ToString(),
            Channel = c.Channel.ToString(),
            Language = c.Language,
            ReceivedAt = c.ReceivedAt,
            AcknowledgedAt = c.AcknowledgedAt,
            Contact = c.Contact,
            Subject = c.Subject,
            Text = c.Text,
            Facts = c.Facts,
            RawPayload = c.RawPayload,
            Owner = c.Owner,
            Team = c.Team,
            Triage = c.Triage,
            Guidance = HandlingGuidance.Default.For(c.Triage),
            Clocks = [.. c.Deadlines.OrderBy(d => d.DueAt).Select(d => ClockOf(d, now))],
            Timeline = [.. history.OrderBy(e => e.Sequence)],
            Notifications = c.Notifications,
            Resolution = c.Resolution is { } r ? r with { SurveyToken = string.Empty } : null,
            Compensations = c.Compensations,
            SurveyAnswers = [.. c.SurveyAnswers.Select(a => a with { SurveyToken = string.Empty })],
            RootCauses = rootCauses,
            Replies = c.Replies,
            Attachments = c.Attachments,
            AttachmentsNotKept = c.AttachmentsNotKept,
            NotReached = NotReachedOf(c),
        };
    }

    private static NotReachedView? NotReachedOf(Complaint c)
    {
        if (!c.CustomerNotReached())
        {
            return null;
        }

        var customer = c.Notifications.Where(n => n.Recipient is null).ToList();
        var reasons = customer.Where(n => n.DidNotReach).Select(n => $"{n.Kind} by {n.Channel.ToString().ToLowerInvariant()}: {n.Reason ?? "not delivered"}");
        var pending = customer.FirstOrDefault(n => !n.IsSettled && !n.DidNotReach);
        return new NotReachedView([.. reasons], pending?.Channel.ToString().ToLowerInvariant() ?? Notify.NotReached.CallTheCustomer);
    }

    private static ClockView ClockOf(Deadline d, DateTimeOffset now)
    {
        var paused = d.PausedAt is not null;
        var reference = d.MetAt ?? d.PausedAt ?? now;
        return new ClockView
        {
            Kind = d.Kind,
            Clock = d.Clock,
            StartedAt = d.StartedAt,
            DueAt = d.DueAt,
            MetAt = d.MetAt,
            Provisional = d.Provisional,
            State = d.MetAt is not null ? "met" : paused ? "paused" : d.DueAt < now ? "overdue" : "running",
            MinutesLeft = (long)Math.Floor((d.DueAt - reference).TotalMinutes),
        };
    }
}
