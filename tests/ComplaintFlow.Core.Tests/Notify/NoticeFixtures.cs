using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>A complaint owed its acknowledgement, Notify and the delivery reports over in-memory adapters.</summary>
internal sealed class NoticeFixtures
{
    public static readonly DateTimeOffset Received = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Received.AddMinutes(1));
    public InMemoryComplaints Complaints { get; } = new();
    public RecordingQueue Queue { get; } = new();
    public RecordingEmail Email { get; } = new();
    public RecordingSms Sms { get; } = new();
    public HashSet<string> OptedOut { get; } = [];
    public InMemoryEmailSuppressions Suppressions { get; } = new();

    public NotifyService Notify(IEmailSender? email = null, NotifyOptions? options = null, SmsOptions? sms = null)
    {
        var intake = new IntakeOptions { PublicBaseUrl = "https://complaints.example.com" };
        return new NotifyService(
            Complaints,
            new NotificationComposer(new NotifyOptions(), intake.Site),
            new SuppressionRespectingEmailSender(email ?? Email, Suppressions),
            new OptOutRespectingSmsSender(Sms, new InMemoryOptOuts(OptedOut)),
            new SmsComposer(sms ?? new SmsOptions(), intake.Site),
            new Notices(Queue),
            options ?? new NotifyOptions(),
            Time);
    }

    public DeliveryReports Reports() => new(Complaints, Suppressions, new Notices(Queue), Time);

    /// <summary>Scored, with its acknowledgement owed on <paramref name="channel"/> and both 24-hour clocks open.</summary>
    public Complaint Owed(NotificationChannel channel, string? email = "li@example.com", string? phone = "+8613800138000")
    {
        var id = ComplaintId.FromSource(Channel.Web, Guid.NewGuid().ToString("N"));
        var complaint = new Complaint
        {
            Id = id,
            Channel = channel == NotificationChannel.Sms ? Channel.Sms : Channel.Web,
            ReceivedAt = Received,
            Contact = new ContactDetails { Name = "Li Lei", Email = email, Phone = phone },
            Text = "My bill doubled without notice.",
            Language = "en",
            SourceMessageId = id,
            Status = ComplaintStatus.Open,
            Deadlines =
            [
                new Deadline { Kind = DeadlineKinds.Acknowledge, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddHours(24), MetBy = MilestoneNames.Acknowledgement },
                new Deadline { Kind = DeadlineKinds.Acknowledge, Clock = "miit", StartedAt = Received, DueAt = Received.AddHours(24), MetBy = MilestoneNames.Acknowledgement },
                new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddDays(10) },
            ],
            Notifications =
            [
                new Notification
                {
                    Id = Notification.IdFor(id, NotificationKind.Acknowledgement, channel, 1),
                    Kind = NotificationKind.Acknowledgement,
                    Channel = channel,
                    RequestedAt = Received,
                },
            ],
        };
        Complaints.Add(complaint);
        return complaint;
    }

    public Complaint Current(string id) => Complaints.Get(id);

    internal sealed class InMemoryComplaints : IComplaintStore
    {
        private readonly Dictionary<string, (Complaint Complaint, List<ComplaintEvent> History, int Version)> _rows = [];

        public void Add(Complaint complaint) => _rows[complaint.Id] = (complaint, [], 1);

        public Complaint Get(string id) => _rows[id].Complaint;

        public Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken)
        {
            if (_rows.ContainsKey(change.State.Id))
            {
                return Task.FromResult(false);
            }

            _rows[change.State.Id] = (change.State, [.. change.Events], 1);
            return Task.FromResult(true);
        }

        public Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken) =>
            Task.FromResult(_rows.TryGetValue(id, out var row) ? new VersionedComplaint(row.Complaint, row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);

        public Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken)
        {
            var row = _rows[change.State.Id];
            if (row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != expectedVersion)
            {
                throw new ConcurrencyConflictException(change.State.Id);
            }

            row.History.AddRange(change.Events);
            _rows[change.State.Id] = (change.State, row.History, row.Version + 1);
            return Task.FromResult(new VersionedComplaint(change.State, (row.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        public Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ComplaintEvent>>([.. _rows[id].History]);
    }

    internal sealed class RecordingQueue : IMessageQueue
    {
        public List<NotificationMessage> Notices { get; } = [];

        public Task SendAsync<T>(string queueName, T message, TimeSpan visibleAfter, CancellationToken cancellationToken)
        {
            if (message is NotificationMessage notice)
            {
                Notices.Add(notice);
            }

            return Task.CompletedTask;
        }
    }

    internal sealed class RecordingEmail : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult<string?>($"sg-{Sent.Count}");
        }
    }

    internal sealed class RecordingSms : ISmsSender
    {
        public List<SmsMessage> Sent { get; } = [];

        public Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult<string?>($"SM{Sent.Count}");
        }
    }

    /// <summary>A provider answering 400 (for good) or 503 (for now).</summary>
    internal sealed class RefusingEmail(bool permanent) : IEmailSender
    {
        public Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken) => throw new Refusal(permanent);

        internal sealed class Refusal(bool permanent) : Exception("refused"), INoticeRefusal
        {
            public bool IsPermanent { get; } = permanent;
            public string Reason => IsPermanent ? "sendgrid-400" : "sendgrid-503";
        }
    }

    private sealed class InMemoryOptOuts(HashSet<string> numbers) : ISmsOptOuts
    {
        public Task<bool> IsOptedOutAsync(string e164, CancellationToken cancellationToken) => Task.FromResult(numbers.Contains(e164));

        public Task OptOutAsync(string e164, string keyword, CancellationToken cancellationToken) => Task.FromResult(numbers.Add(e164));

        public Task OptInAsync(string e164, CancellationToken cancellationToken) => Task.FromResult(numbers.Remove(e164));
    }
}
