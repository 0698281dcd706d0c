using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Testing;

/// <summary>
/// Complaints written straight to the store (and so the deadlines index), already triaged: a deadline in the past
/// makes an overdue complaint without waiting for time to pass.
/// </summary>
public static class SeededComplaints
{
    public static async Task<Complaint> OpenAsync(
        AppHost host,
        string source,
        DateTimeOffset resolveBy,
        string? owner = null,
        Priority priority = Priority.P3,
        string category = "billing",
        string text = "My bill doubled without notice.",
        ContactDetails? contact = null)
    {
        var received = resolveBy.AddDays(-10);
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, source),
            Channel = Channel.Web,
            ReceivedAt = received,
            Contact = contact ?? new ContactDetails { Name = "Li Lei", Email = $"{source}@example.com" },
            Text = text,
            Language = "en",
            SourceMessageId = source,
            Status = ComplaintStatus.Open,
            Owner = owner,
            Triage = new TriageResult
            {
                Priority = priority,
                Urgency = 0.5,
                Sentiment = new SentimentResult { DocumentId = "1", Label = SentimentLabel.Negative, Positive = 0.1, Neutral = 0.2, Negative = 0.7, Analyzer = "seed" },
                PrimaryCategory = category,
            },
            Deadlines = [new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = received, DueAt = resolveBy, Pausable = true }],
        };
        if (!await host.Complaints.TryCreateAsync(complaint.Change(received).Record(EventTypes.Received, Actors.Customer), CancellationToken.None))
        {
            throw new InvalidOperationException($"Complaint {complaint.Id} was already seeded; use a new source.");
        }

        return complaint;
    }
}
