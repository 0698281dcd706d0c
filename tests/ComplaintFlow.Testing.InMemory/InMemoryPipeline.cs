using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Desk.Incidents;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// The stage services wired as the app wires them (the complaint store behind the deadline index, the shipped
/// triage policy and deadline rules, the embedded analyzer, SMS notices behind the opt-out check), with the inbound
/// email and SMS intakes, the desk's actions and data rights, over in-memory adapters and the given clock. The queues
/// are run by hand: <see cref="RunTriageAsync"/> and <see cref="RunNotifyAsync"/> are the Triage and Notify
/// functions' triggers.
/// </summary>
public sealed class InMemoryPipeline
{
    public const string PublicBaseUrl = "https://complaints.example.com";

    public InMemoryPipeline(TimeProvider time, NotifyOptions? notify = null, DeadlineOptions? deadlines = null)
    {
        Time = time;
        DeadlineOptions = deadlines ?? new DeadlineOptions();
        Queue = new InMemoryMessageQueue(time);
        Quarantine = new InMemoryQuarantine(time, Raw);
        SmsOptOuts = new InMemorySmsOptOuts(time);
        Complaints = new SearchIndexedComplaintStore(new IndexedComplaintStore(Store, Index), Search);
        IntakeOptions = new IntakeOptions { PublicBaseUrl = PublicBaseUrl };
        NotifyOptions = notify ?? new NotifyOptions();
        Rules = DeadlineRules.Load(DeadlineOptions);
        var planner = new DeadlinePlanner(Rules, time: time);
        var notices = new Notices(Queue);
        var composer = new NotificationComposer(NotifyOptions, IntakeOptions.Site);
        var smsComposer = new SmsComposer(SmsOptions, IntakeOptions.Site);
        var engine = new TriageEngine(TriagePolicy.Default);
        var replyTriage = new ReplyTriage(engine, new LexiconAnalyzer(), planner, DeadlineOptions);
        var replies = new CustomerReplies(new DeadlineClock(Rules), planner, replyTriage);
        Intake = new IntakeService(Complaints, Raw, Queue, Contacts, time);
        IncidentMatching = new IncidentMatching(Incidents, IncidentAreas.Default, time);
        Triage = new TriageService(Complaints, new LexiconAnalyzer(), engine, planner, notices, time, Contacts, replyTriage, DeadlineOptions, IncidentMatching);
        Notify = new NotifyService(Complaints, composer, Email, new OptOutRespectingSmsSender(Sms, SmsOptOuts), smsComposer, notices, NotifyOptions, time);
        Sweep = new DeadlineSweep(Index, Complaints, new DeadlineSweepPolicy(DeadlineOptions, Rules), DeadlineOptions, notices, time);
        DeliveryReports = new DeliveryReports(Complaints, Suppressions, notices, time);
        EmailIntake = new InboundEmailIntake(Intake, Complaints, Raw, Quarantine, new InboundEmailClassifier(InboundEmailOptions, NotifyOptions), replies,
            new ReplyVerification(new ReplyAddresses(NotifyOptions)), new NoticeBounces(DeliveryReports, NotifyOptions, time), IntakeOptions, time, notices);
        SmsIntake = new InboundSmsIntake(Intake, Complaints, Raw, Quarantine, SmsOptOuts, SmsThreads, new SmsThreadingPolicy(SmsOptions),
            new SmsKeywordPolicy(SmsOptions), smsComposer, replies, Queue, IntakeOptions, time, notices);
        SmsMedia = new SmsMediaIntake(Complaints, Raw, MediaSource, InboundEmailOptions, time);
        Desk = new ComplaintDesk(new PortalOptions(), new DeadlineClock(Rules), planner);
        DeskActions = new DeskActions(Complaints, notices, time);
        CustomerContacts = new CustomerContacts(new PortalOptions());
        ContactActions = new ContactActions(Complaints, DeskActions, notices);
        LetterPreview = new LetterPreview(Desk, CustomerContacts, new NoticeLetters(composer, smsComposer));
        IncidentDesk = new IncidentDesk(new PortalOptions(), IncidentAreas.Default, TriagePolicy.Default, Desk);
        IncidentActions = new IncidentActions(Incidents, Complaints, IncidentDesk, DeskActions, notices, Queue, time);
        DataRights = new ContactDataRights(Complaints, new SearchIndexedRedaction(Store, Search), Contacts, Raw, new InMemorySmsRecords(SmsThreads, SmsOptOuts), Flags, composer, smsComposer, time);
    }

    public TimeProvider Time { get; }
    public InMemoryComplaintStore Store { get; } = new();
    public InMemoryDeadlineIndex Index { get; } = new();

    /// <summary>Incidents and the index of their linked complaints.</summary>
    public InMemoryIncidentStore Incidents { get; } = new();

    /// <summary>The desk's search index, kept in step by <see cref="Complaints"/> and erasure.</summary>
    public InMemorySearchIndex Search { get; } = new();
    public InMemoryMessageQueue Queue { get; }
    public InMemoryRawPayloadStore Raw { get; } = new();
    public InMemoryQuarantine Quarantine { get; }
    public InMemorySmsThreads SmsThreads { get; } = new();
    public InMemorySmsOptOuts SmsOptOuts { get; }
    public InMemoryContactHistory Contacts { get; } = new();
    public InMemoryContactFlags Flags { get; } = new();
    public RecordingEmailSender Email { get; } = new();
    public InMemoryEmailSuppressions Suppressions { get; } = new();
    public RecordingSmsSender Sms { get; } = new();
    public DeadlineOptions DeadlineOptions { get; }
    public NotifyOptions NotifyOptions { get; }
    public IntakeOptions IntakeOptions { get; }
    public SmsOptions SmsOptions { get; } = new();

    /// <summary>The attachment limits every channel keeps to (the email channel's settings).</summary>
    public InboundEmailOptions InboundEmailOptions { get; } = new();

    /// <summary>The SMS provider's media, as the <c>sms-media</c> queue fetches them.</summary>
    public InMemorySmsMediaSource MediaSource { get; } = new();
    public DeadlineRules Rules { get; }

    /// <summary>The store the services use: <see cref="Store"/> behind the deadline index.</summary>
    public IComplaintStore Complaints { get; }

    public IntakeService Intake { get; }
    public TriageService Triage { get; }
    public NotifyService Notify { get; }
    public DeadlineSweep Sweep { get; }
    public DeliveryReports DeliveryReports { get; }
    public InboundEmailIntake EmailIntake { get; }
    public InboundSmsIntake SmsIntake { get; }
    public SmsMediaIntake SmsMedia { get; }
    public ComplaintDesk Desk { get; }
    public DeskActions DeskActions { get; }
    public CustomerContacts CustomerContacts { get; }
    public ContactActions ContactActions { get; }
    public LetterPreview LetterPreview { get; }
    public ContactDataRights DataRights { get; }
    public IncidentMatching IncidentMatching { get; }
    public IncidentDesk IncidentDesk { get; }
    public IncidentActions IncidentActions { get; }

    /// <summary>Delivers every visible <c>incidents</c> message (fan-out, then each complaint's), each <paramref name="deliveries"/> times.</summary>
    public Task<int> RunIncidentsAsync(int deliveries = 1) =>
        Queue.DeliverAsync<IncidentMessage>(QueueNames.Incidents, m => IncidentActions.HandleAsync(m, CancellationToken.None), deliveries);

    /// <summary>Delivers every visible <c>complaints-intake</c> message to Triage, each <paramref name="deliveries"/> times.</summary>
    public Task<int> RunTriageAsync(int deliveries = 1) =>
        Queue.DeliverAsync<IntakeMessage>(QueueNames.Intake, m => Triage.HandleAsync(m, CancellationToken.None), deliveries);

    /// <summary>Delivers every visible <c>notifications</c> message to Notify, each <paramref name="deliveries"/> times.</summary>
    public Task<int> RunNotifyAsync(int deliveries = 1) =>
        Queue.DeliverAsync<NotificationMessage>(QueueNames.Notifications, m => Notify.HandleAsync(m, CancellationToken.None), deliveries);

    /// <summary>Delivers every visible <c>sms-media</c> message to the media fetch, each <paramref name="deliveries"/> times.</summary>
    public Task<int> RunSmsMediaAsync(int deliveries = 1) =>
        Queue.DeliverAsync<SmsMediaMessage>(QueueNames.SmsMedia, m => SmsMedia.HandleAsync(m, CancellationToken.None), deliveries);

    /// <summary>Records a web-form complaint as the intake function does, under the given idempotency key.</summary>
    public Task<IntakeOutcome> SubmitAsync(string key, string text, string? email = "li.lei@example.com", string? phone = null, string language = "en") =>
        Intake.RecordAsync(
            new ValidSubmission
            {
                Channel = Channel.Web,
                Contact = new ContactDetails { Name = "Li Lei", Email = email, Phone = phone },
                Text = text,
                Language = language,
            },
            key,
            new RawPayload(System.Text.Encoding.UTF8.GetBytes(text), "application/json", "json"),
            traceParent: null,
            CancellationToken.None);

    /// <summary>A text from <paramref name="from"/> to our Chinese number, as Twilio's webhook posts it, received now.</summary>
    public Task<InboundSmsOutcome> TextAsync(string messageSid, string body, string from) =>
        SmsIntake.HandleAsync(
            new InboundSms
            {
                Provider = SmsProvider.Twilio,
                MessageId = messageSid,
                From = from,
                FromIsE164 = from.StartsWith('+'),
                To = "+8610655500000",
                Body = body,
                ReceivedAt = Time.GetUtcNow(),
            },
            new RawPayload(System.Text.Encoding.UTF8.GetBytes($"MessageSid={messageSid}&Body={body}"), "application/x-www-form-urlencoded", "txt"),
            traceParent: null,
            CancellationToken.None);

    public async Task<Complaint> ComplaintAsync(string id) =>
        (await Complaints.FindAsync(id, CancellationToken.None))?.Complaint ?? throw new ComplaintNotFoundException(id);

    public Task<IReadOnlyList<ComplaintEvent>> HistoryAsync(string id) => Complaints.GetHistoryAsync(id, CancellationToken.None);
}
