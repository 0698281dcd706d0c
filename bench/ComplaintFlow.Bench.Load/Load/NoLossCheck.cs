using System.Collections.Concurrent;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Bench.Load.Load;

/// <summary>What the end-of-run audit found; <see cref="Problems"/> names the first few complaints at fault.</summary>
internal sealed record NoLossResult
{
    public required int Accepted { get; init; }
    public required int Complete { get; init; }
    public required int Unidentified { get; init; }
    public required int MissingAcknowledgement { get; init; }
    public required int DuplicateAcknowledgement { get; init; }
    public required int IncompleteHistory { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public bool Passed => Accepted > 0 && Complete == Accepted;
}

/// <summary>
/// Every accepted complaint must have exactly one acknowledgement and a history that reads received, scored,
/// notified (each once). Web and email complaints are acknowledged by email (counted at the SendGrid fake); SMS
/// complaints by SMS, counted from their <c>notified</c> events.
/// </summary>
internal sealed class NoLossCheck(IComplaintStore store, AcknowledgementWatch acknowledgements)
{
    private static readonly string[] ExpectedHistory = [EventTypes.Received, EventTypes.Scored, EventTypes.Notified];

    public async Task<NoLossResult> RunAsync(IReadOnlyList<Submission> submissions, CancellationToken cancellationToken)
    {
        var accepted = submissions.Where(s => s.Accepted).ToList();

        // Resolve ids on this thread: the watch's index is not for concurrent use.
        var identified = accepted.Select(s => (Submission: s, Id: acknowledgements.ComplaintIdFor(s), Emails: acknowledgements.EmailsFor(s).Count)).ToList();
        var problems = new ConcurrentQueue<string>();
        int complete = 0, unidentified = 0, missing = 0, duplicate = 0, incomplete = 0;
        await Parallel.ForEachAsync(identified, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var (submission, id, emails) = item;
            id ??= await FindByMessageIdAsync(submission.Complaint, ct);
            if (id is null)
            {
                Interlocked.Increment(ref unidentified);
                Note(problems, $"{submission.Complaint.Route} #{submission.Complaint.Sequence}: no complaint id and no acknowledgement");
                return;
            }

            var history = await store.GetHistoryAsync(id, ct);
            var types = history.OrderBy(e => e.Sequence).Select(e => e.Type).ToList();
            var acknowledgementsSent = submission.Complaint.Route == InboundRoute.SmsWebhook
                ? history.Count(e => e.Type == EventTypes.Notified && e.Data.GetValueOrDefault("kind") == "Acknowledgement" && e.Data.GetValueOrDefault("channel") == "Sms")
                : emails;
            var historyComplete = types.SequenceEqual(ExpectedHistory);
            if (!historyComplete)
            {
                Interlocked.Increment(ref incomplete);
                Note(problems, $"{id}: history is [{string.Join(", ", types)}]");
            }

            if (acknowledgementsSent == 0)
            {
                Interlocked.Increment(ref missing);
                Note(problems, $"{id}: no acknowledgement");
            }
            else if (acknowledgementsSent > 1)
            {
                Interlocked.Increment(ref duplicate);
                Note(problems, $"{id}: {acknowledgementsSent} acknowledgements");
            }
            else if (historyComplete)
            {
                Interlocked.Increment(ref complete);
            }
        });

        return new NoLossResult
        {
            Accepted = accepted.Count,
            Complete = complete,
            Unidentified = unidentified,
            MissingAcknowledgement = missing,
            DuplicateAcknowledgement = duplicate,
            IncompleteHistory = incomplete,
            Problems = [.. problems.Take(20)],
        };
    }

    /// <summary>An email complaint never acknowledged: look for it under the ids its Message-Id can give.</summary>
    private async Task<string?> FindByMessageIdAsync(GeneratedComplaint complaint, CancellationToken cancellationToken)
    {
        if (complaint.Route != InboundRoute.EmailWebhook)
        {
            return null;
        }

        foreach (var messageId in new[] { complaint.SourceId, complaint.SourceId.Trim('<', '>') })
        {
            var id = ComplaintId.FromSource(Channel.Email, messageId);
            if (await store.FindAsync(id, cancellationToken) is not null)
            {
                return id;
            }
        }

        return null;
    }

    private static void Note(ConcurrentQueue<string> problems, string problem)
    {
        if (problems.Count < 20)
        {
            problems.Enqueue(problem);
        }
    }
}
