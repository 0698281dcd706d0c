using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Desk;

/// <summary>How the desk reached (or tried to reach) the customer.</summary>
public static class ContactMethods
{
    public const string Phone = "phone";
    public const string Visit = "visit";

    /// <summary>An interim reply by email, sent through Notify.</summary>
    public const string Email = "email";

    /// <summary>An interim reply by text message, sent through Notify.</summary>
    public const string Sms = "sms";
}

/// <summary>What came of a call or a visit. Only <see cref="Reached"/> is contact: it alone meets a clock.</summary>
public static class ContactOutcomes
{
    public const string Reached = "reached";
    public const string NoAnswer = "no-answer";
    public const string LeftMessage = "left-message";

    /// <summary>An interim reply handed to Notify: it meets the clocks when it is sent.</summary>
    public const string Queued = "queued";

    public static IReadOnlyList<string> OfCalls { get; } = [Reached, NoAnswer, LeftMessage];
}

/// <param name="Key">Names this submission of the form, so a second submission (a double click, a retry after a lost answer) records nothing more.</param>
public sealed record ContactInput(string? Method, string? Outcome, string? Summary, string? Key);

/// <param name="Channel"><c>email</c> or <c>sms</c>.</param>
/// <param name="Text">The desk's own words; the template of the customer's language frames them.</param>
public sealed record InterimReplyInput(string? Channel, string? Text, string? Key);

/// <summary>
/// The desk reaching the customer before the resolution: a call or a visit recorded as it happened, or an interim
/// reply written on the desk and sent through Notify. Each is a <c>contact</c> event on the timeline (who, when, how,
/// what came of it); a person's contact meets the clocks met by first contact (<c>metBy: first-contact</c> in the
/// deadline policy: the internal <c>first-response</c> clock and the 95598 profile's <c>contact</c>). A call that
/// did not reach the customer is recorded and meets nothing; an interim reply meets them when Notify has sent it.
/// </summary>
public sealed class CustomerContacts(PortalOptions options)
{
    public const string EventType = "contact";

    /// <summary>Keeps a text message to a few segments: the desk's words are sent as written, never cut.</summary>
    public const int MaxSmsLength = 300;

    private const int MaxKeyLength = 128;

    /// <summary>A call or a visit, recorded by the person who made it.</summary>
    public ComplaintChange Record(Complaint complaint, StaffMember staff, ContactInput input, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var method = input.Method?.Trim();
        if (method is not (ContactMethods.Phone or ContactMethods.Visit))
        {
            errors.Add(Error(staff, "method", "contact-method"));
        }

        var outcome = input.Outcome?.Trim();
        if (outcome is null || !ContactOutcomes.OfCalls.Contains(outcome))
        {
            errors.Add(Error(staff, "outcome", "contact-outcome"));
        }

        var summary = Text(errors, staff, "summary", input.Summary, options.MaxTextLength);
        var key = Key(errors, staff, input.Key);
        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        EnsureContactable(complaint, staff);
        var deadlines = outcome == ContactOutcomes.Reached ? Deadline.MeetAll(complaint.Deadlines, MilestoneNames.FirstContact, now) : complaint.Deadlines;
        var data = new Dictionary<string, string>
        {
            ["method"] = method!,
            ["outcome"] = outcome!,
            ["text"] = summary!,
            ["key"] = key!,
        };
        if (MetNow(complaint.Deadlines, deadlines) is { Length: > 0 } met)
        {
            data["met"] = met;
        }

        return complaint.Change(now)
            .Apply(c => c with { Deadlines = deadlines })
            .Record(EventType, staff.Id, data);
    }

    /// <summary>
    /// An interim reply: a notice of kind <see cref="NotificationKind.Interim"/> on the channel chosen, queued after
    /// the save like every other notice and sent exactly once by Notify, which meets the first-contact clocks when the
    /// provider accepts it.
    /// </summary>
    public ComplaintChange SendInterimReply(Complaint complaint, StaffMember staff, InterimReplyInput input, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var channel = input.Channel?.Trim() switch
        {
            ContactMethods.Email => NotificationChannel.Email,
            ContactMethods.Sms => (NotificationChannel?)NotificationChannel.Sms,
            _ => null,
        };
        if (channel is null)
        {
            errors.Add(Error(staff, "channel", "interim-channel"));
        }
        else if (channel == NotificationChannel.Email && complaint.Contact.Email is null)
        {
            errors.Add(Error(staff, "channel", "no-email"));
        }
        else if (channel == NotificationChannel.Sms && complaint.Contact.Phone is null)
        {
            errors.Add(Error(staff, "channel", "no-phone"));
        }

        var text = Text(errors, staff, "text", input.Text, channel == NotificationChannel.Sms ? MaxSmsLength : options.MaxTextLength);
        var key = Key(errors, staff, input.Key);
        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        EnsureContactable(complaint, staff);
        if (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed)
        {
            throw DeskRefusal.Of(RefusalKind.WrongState, "status", DeskMessages.Format(staff.Language, "closed"));
        }

        var notice = Notices.New(complaint, NotificationKind.Interim, channel!.Value, now, data: new Dictionary<string, string> { ["text"] = text! });
        return complaint.Change(now)
            .Apply(c => c with { Notifications = [.. c.Notifications, notice] })
            .Record(EventType, staff.Id, new Dictionary<string, string>
            {
                ["method"] = channel == NotificationChannel.Email ? ContactMethods.Email : ContactMethods.Sms,
                ["outcome"] = ContactOutcomes.Queued,
                ["text"] = text!,
                ["key"] = key!,
                ["notificationId"] = notice.Id,
            });
    }

    /// <summary>Whether the history already holds the contact submitted under <paramref name="key"/>.</summary>
    public static bool AlreadyRecorded(IEnumerable<ComplaintEvent> history, string? key) =>
        !string.IsNullOrWhiteSpace(key)
        && history.Any(e => e.Type == EventType && e.Data.TryGetValue("key", out var k) && k == key.Trim());

    /// <summary>The clocks a contact met, as <c>clock/kind</c> pairs, for the timeline.</summary>
    private static string MetNow(IReadOnlyList<Deadline> before, IReadOnlyList<Deadline> after) =>
        string.Join(",", before.Zip(after).Where(p => p.First.IsOpen && !p.Second.IsOpen).Select(p => $"{p.Second.Clock}/{p.Second.Kind}"));

    private static void EnsureContactable(Complaint complaint, StaffMember staff)
    {
        if (complaint.ErasedAt is not null)
        {
            throw DeskRefusal.Of(RefusalKind.WrongState, "status", DeskMessages.Format(staff.Language, "erased"));
        }
    }

    private static string? Text(List<ValidationError> errors, StaffMember staff, string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(Error(staff, field, "required"));
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(Error(staff, field, "too-long", max));
            return null;
        }

        return text;
    }

    private static string? Key(List<ValidationError> errors, StaffMember staff, string? value)
    {
        var key = value?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            errors.Add(Error(staff, "idempotencyKey", "required"));
            return null;
        }

        return key;
    }

    private static ValidationError Error(StaffMember staff, string field, string key, params object[] args) =>
        new(field, DeskMessages.Format(staff.Language, key, args));
}
