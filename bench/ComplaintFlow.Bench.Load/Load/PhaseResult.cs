using System.Globalization;
using ComplaintFlow.Bench.Load.Measurement;
using ComplaintFlow.Bench.Load.Storage;

namespace ComplaintFlow.Bench.Load.Load;

/// <summary>One load window, measured from its first send to the last acknowledgement of what it sent.</summary>
internal sealed record PhaseResult
{
    public required string Name { get; init; }
    public required SendWindow Window { get; init; }

    /// <summary>Accepted complaints whose email acknowledgement reached the SendGrid fake within the drain timeout.</summary>
    public required int Acknowledged { get; init; }

    /// <summary>Accepted complaints that expect an email acknowledgement (web and email; SMS is answered by SMS).</summary>
    public required int ExpectingEmail { get; init; }

    /// <summary>From the first send to the last acknowledgement: how long the pipeline took to finish the window's work.</summary>
    public required TimeSpan ProcessingTime { get; init; }

    public required Latency Accept { get; init; }
    public required Latency Acknowledge { get; init; }
    public required IReadOnlyDictionary<string, int> Errors { get; init; }
    public required OperationCounts Storage { get; init; }
    public required IReadOnlyList<ProcessUsage> Usage { get; init; }
    public required bool Drained { get; init; }

    /// <summary>Mean storage requests in flight from the first send to the last acknowledgement (Little's law).</summary>
    public double StorageConcurrency => Storage.RequestTime / ProcessingTime;

    public double ProcessedPerSecond => Acknowledged / ProcessingTime.TotalSeconds;

    /// <summary>Storage requests that did complaint work, per accepted complaint.</summary>
    public double WorkOperationsPerComplaint => (double)Storage.Work / Math.Max(1, Window.Accepted);

    public static PhaseResult Of(string name, SendWindow window, AcknowledgementWatch acknowledgements, OperationCounts storage, IReadOnlyList<ProcessUsage> usage, bool drained)
    {
        var expecting = window.Submissions.Where(s => s.Accepted && AcknowledgementWatch.ExpectsEmail(s)).ToList();
        var firstAcknowledgements = expecting
            .Select(s => (Submission: s, Email: acknowledgements.EmailsFor(s).OrderBy(e => e.ReceivedAt).FirstOrDefault()))
            .Where(p => p.Email is not null)
            .ToList();
        var lastAcknowledgement = firstAcknowledgements.Count > 0 ? firstAcknowledgements.Max(p => p.Email!.ReceivedAt) : window.StartedAt + window.Elapsed;
        var errors = window.Submissions.Where(s => !s.Accepted)
            .GroupBy(s => s.Error ?? $"HTTP {s.Status.ToString(CultureInfo.InvariantCulture)}")
            .ToDictionary(g => g.Key, g => g.Count());
        return new PhaseResult
        {
            Name = name,
            Window = window,
            Acknowledged = firstAcknowledgements.Count,
            ExpectingEmail = expecting.Count,
            ProcessingTime = lastAcknowledgement - window.StartedAt,
            Accept = Latency.Of(window.Submissions.Where(s => s.Accepted).Select(s => s.ResponseTime)),
            Acknowledge = Latency.Of(firstAcknowledgements.Select(p => p.Email!.ReceivedAt - p.Submission.SubmittedAt)),
            Errors = errors,
            Storage = storage,
            Usage = usage,
            Drained = drained,
        };
    }
}
