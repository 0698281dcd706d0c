using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Complaints;

/// <summary>The current state of one complaint. Every change to it is paired with the events that explain it.</summary>
public sealed record Complaint
{
    public required string Id { get; init; }
    public string Reference => ComplaintId.ToReference(Id);
    public required Channel Channel { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required ContactDetails Contact { get; init; }
    public string? Subject { get; init; }
    public required string Text { get; init; }

    /// <summary>Place, account, when it began and the customer's demand (4W1H), when given or found; null when none.</summary>
    public ComplaintFacts? Facts { get; init; }

    /// <summary><c>en</c>, <c>zh-Hans</c> or <c>zh-Hant</c>: the language we answer in.</summary>
    public required string Language { get; init; }

    /// <summary>
    /// The address the complaint came in on: the mailbox it was sent to (one per business line, e.g. broadband or
    /// power) or our SMS number. Regulatory profiles are chosen by it, as well as by category and settings.
    /// </summary>
    public string? ChannelAddress { get; init; }

    /// <summary>
    /// IANA time zone in which dates are written to this customer (the web form's browser zone, else the phone
    /// number's region); null means the configured default (<c>ComplaintFlow:Notify:TimeZone</c>).
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>Where the customer may refer the complaint, from each regulatory profile that applies (set at triage).</summary>
    public IReadOnlyList<ReferralRight> Referrals { get; init; } = [];

    /// <summary>The channel's own message id this complaint was created from.</summary>
    public required string SourceMessageId { get; init; }

    /// <summary>Hash of the submitted content: tells a retry from a different complaint under the same key.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Blob name of the raw payload as received.</summary>
    public string? RawPayload { get; init; }

    public ComplaintStatus Status { get; init; } = ComplaintStatus.Received;
    public TriageResult? Triage { get; init; }
    public string? Owner { get; init; }

    /// <summary>The team whose queue the complaint is in (see <c>Desk.TeamDirectory</c>); null when not handed to one.</summary>
    public string? Team { get; init; }
    public IReadOnlyList<Deadline> Deadlines { get; init; } = [];
    public IReadOnlyList<Notification> Notifications { get; init; } = [];
    public DateTimeOffset? AcknowledgedAt { get; init; }

    public IReadOnlyList<Compensation> Compensations { get; init; } = [];

    /// <summary>The latest resolution; kept after a reopen so the next one can be compared with it.</summary>
    public Resolution? Resolution { get; init; }
    public IReadOnlyList<SurveyAnswer> SurveyAnswers { get; init; } = [];

    /// <summary>What the customer sent after the complaint was opened (email replies, further texts), oldest first.</summary>
    public IReadOnlyList<CustomerReply> Replies { get; init; } = [];

    /// <summary>Files the customer sent, stored in Blob; the complaint keeps only their names and sizes.</summary>
    public IReadOnlyList<ComplaintAttachment> Attachments { get; init; } = [];

    /// <summary>Files the customer sent that were not kept (a picture message's media over the limits, say), with why.</summary>
    public IReadOnlyList<AttachmentNotKept> AttachmentsNotKept { get; init; } = [];

    /// <summary>One-time codes sent so the customer can read the written resolution online (hashes, never the codes), newest last.</summary>
    public IReadOnlyList<AccessCode> AccessCodes { get; init; } = [];

    /// <summary>When a supervisor erased the complainant's personal data (right to erasure); null while it is held.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Sequence number of the last event in the history.</summary>
    public int LastEventSequence { get; init; }

    /// <summary>Starts a change: the events it records are numbered after this state's last one.</summary>
    public ComplaintChange Change(DateTimeOffset at) => new(this, at);
}

/// <summary>A new state and the events that explain it, written together in one transaction.</summary>
public sealed class ComplaintChange(Complaint original, DateTimeOffset at)
{
    private readonly List<ComplaintEvent> _events = [];

    public Complaint Original { get; } = original;
    public Complaint State { get; private set; } = original;
    public DateTimeOffset At { get; } = at;
    public IReadOnlyList<ComplaintEvent> Events => _events;

    public ComplaintChange Apply(Func<Complaint, Complaint> update)
    {
        State = update(State);
        return this;
    }

    public ComplaintChange Record(string type, string actor, IReadOnlyDictionary<string, string>? data = null)
    {
        var sequence = State.LastEventSequence + 1;
        _events.Add(new ComplaintEvent
        {
            Sequence = sequence,
            Type = type,
            At = At,
            Actor = actor,
            Data = data ?? new Dictionary<string, string>(),
        });
        State = State with { LastEventSequence = sequence };
        return this;
    }
}
