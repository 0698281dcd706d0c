using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>Complaints and staff as the desk meets them.</summary>
internal static class DeskFixtures
{
    public static readonly DateTimeOffset Received = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    public static readonly StaffMember Agent = new("amy@desk.example", "Amy", IsSupervisor: false);
    public static readonly StaffMember OtherAgent = new("bo@desk.example", "Bo", IsSupervisor: false);
    public static readonly StaffMember Supervisor = new("sam@desk.example", "Sam", IsSupervisor: true);
    public static readonly DeadlineRules Rules = DeadlineRules.Load(new DeadlineOptions());

    public static ComplaintDesk NewDesk(PortalOptions? options = null) => new(options ?? new PortalOptions(), new DeadlineClock(Rules), new DeadlinePlanner(Rules));

    public static Complaint OpenComplaint(
        string source = "key-1",
        Channel channel = Channel.Web,
        string? email = "li@example.com",
        string? phone = null,
        string? owner = null,
        Priority priority = Priority.P3,
        EscalationGrade escalation = EscalationGrade.Internal,
        string language = "en") => new()
        {
            Id = ComplaintId.FromSource(channel, source),
            Channel = channel,
            ReceivedAt = Received,
            Contact = new ContactDetails { Name = "Li Lei", Email = email, Phone = phone },
            Text = "My bill doubled without notice.",
            Language = language,
            SourceMessageId = source,
            Status = ComplaintStatus.Open,
            Owner = owner,
            LastEventSequence = 2,
            Triage = new TriageResult
            {
                Priority = priority,
                Urgency = 0.4,
                Sentiment = new SentimentResult { DocumentId = "1", Label = SentimentLabel.Negative, Positive = 0.1, Neutral = 0.2, Negative = 0.7, Analyzer = "lexicon" },
                PrimaryCategory = "billing",
                EscalationGrade = escalation,
            },
            Deadlines =
            [
                new Deadline { Kind = DeadlineKinds.Acknowledge, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddHours(24), MetAt = Received.AddHours(1), MetBy = MilestoneNames.Acknowledgement, Pausable = true },
                new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddDays(10), Pausable = true },
                new Deadline { Kind = DeadlineKinds.Resolve, Clock = "miit", StartedAt = Received, DueAt = Received.AddDays(15) },
            ],
        };

}
