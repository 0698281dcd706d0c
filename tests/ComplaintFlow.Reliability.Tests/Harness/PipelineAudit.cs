using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Reliability.Tests.Harness;

/// <summary>A complaint acknowledged more than once at the provider fakes, and when each copy arrived.</summary>
public sealed record DuplicateAcknowledgement(string ComplaintId, IReadOnlyList<DateTimeOffset> SentAt)
{
    public int Copies => SentAt.Count;
}

/// <summary>What the audit found: figures for the report, and every way the end state is wrong.</summary>
public sealed record AuditReport(
    int Accepted,
    int Complete,
    int Acknowledgements,
    IReadOnlyList<DuplicateAcknowledgement> Duplicates,
    IReadOnlyDictionary<string, int> Queues,
    IReadOnlyList<string> Problems)
{
    /// <summary>Messages in the poison queues: they stay until someone replays them, however long one waits.</summary>
    public int Poisoned => Queues.Where(q => q.Key.EndsWith("-poison", StringComparison.Ordinal)).Sum(q => q.Value);

    /// <summary>Problems that waiting can still clear (every problem but a poison queue's depth).</summary>
    public int Pending => Problems.Count - Queues.Count(q => q.Key.EndsWith("-poison", StringComparison.Ordinal) && q.Value > 0);

    public override string ToString() =>
        $"accepted {Accepted}, complete {Complete}, acknowledgements {Acknowledgements}, duplicates {Duplicates.Count}, " +
        $"queues [{string.Join(", ", Queues.Select(q => $"{q.Key}={q.Value}"))}]" +
        (Problems.Count == 0 ? string.Empty : $"; {Problems.Count} problem(s), first: {string.Join(" | ", Problems.Take(8))}");
}

/// <summary>
/// Reads the end state straight from storage and the provider fakes: every accepted complaint recorded with its raw
/// payload and a complete history (received, scored, notified, each once), acknowledged at the fakes, and no message
/// left in a stage queue or a poison queue.
/// </summary>
public sealed class PipelineAudit(Pipeline pipeline)
{
    private static readonly string[] QueueNames = [Core.Complaints.QueueNames.Intake, Core.Complaints.QueueNames.Notifications];

    public async Task<AuditReport> RunAsync(IReadOnlyCollection<Submission> accepted, CancellationToken cancellationToken)
    {
        var connection = pipeline.Azurite.ConnectionString;
        var names = new StorageOptions { NamePrefix = pipeline.Prefix };
        var store = new TableComplaintStore(new TableClient(connection, names.Table(TableNames.Complaints)));
        var raw = new BlobContainerClient(connection, names.Container(ContainerNames.RawInbound));
        var problems = new List<string>();
        var complete = 0;

        var emails = pipeline.Mailbox.Emails
            .Where(e => e.CustomArgs.ContainsKey("complaintId"))
            .GroupBy(e => e.CustomArgs["complaintId"])
            .ToDictionary(g => g.Key, g => g.Select(e => e.ReceivedAt).Order().ToList());
        var texts = pipeline.Texts.Messages.GroupBy(t => t.To).ToDictionary(g => g.Key, g => g.Select(t => t.DateCreated).Order().ToList());
        var duplicates = new List<DuplicateAcknowledgement>();
        var acknowledgements = 0;

        foreach (var submission in accepted.OrderBy(s => s.Index))
        {
            var id = submission.ComplaintId;
            var found = await store.FindAsync(id, cancellationToken);
            if (found is null)
            {
                problems.Add($"{submission.Channel} #{submission.Index}: accepted but not recorded");
                continue;
            }

            var complaint = found.Complaint;
            var history = await store.GetHistoryAsync(id, cancellationToken);
            var gaps = new List<string>();
            foreach (var type in new[] { EventTypes.Received, EventTypes.Scored })
            {
                var count = history.Count(e => e.Type == type);
                if (count != 1)
                {
                    gaps.Add($"{count} '{type}' events");
                }
            }

            var notified = history.Count(e => e.Type == EventTypes.Notified);
            var acknowledgementsOwed = complaint.Notifications.Count(n => n.Kind == NotificationKind.Acknowledgement);
            if (acknowledgementsOwed == 0 || notified != acknowledgementsOwed
                || complaint.Notifications.Any(n => n.Kind == NotificationKind.Acknowledgement && n.Status != NotificationStatus.Sent))
            {
                gaps.Add($"{notified} 'notified' events for {acknowledgementsOwed} acknowledgement(s), status {string.Join('/', complaint.Notifications.Select(n => n.Status))}");
            }

            if (complaint.RawPayload is null || !(await raw.GetBlobClient(complaint.RawPayload).ExistsAsync(cancellationToken)).Value)
            {
                gaps.Add("raw payload missing");
            }

            var sent = submission.Channel == Channel.Sms ? texts.GetValueOrDefault(submission.Phone!) : emails.GetValueOrDefault(id);
            if (sent is null or { Count: 0 })
            {
                gaps.Add("no acknowledgement at the provider");
            }
            else
            {
                acknowledgements += sent.Count;
                if (sent.Count > 1)
                {
                    duplicates.Add(new DuplicateAcknowledgement(id, sent));
                }
            }

            if (gaps.Count == 0)
            {
                complete++;
            }
            else
            {
                problems.Add($"{submission.Channel} #{submission.Index}: {string.Join(", ", gaps)}");
            }
        }

        var queues = new QueueServiceClient(connection);
        var depths = new Dictionary<string, int>();
        foreach (var name in QueueNames.SelectMany(q => new[] { q, q + "-poison" }))
        {
            var queue = queues.GetQueueClient(names.Queue(name));
            var depth = (await queue.ExistsAsync(cancellationToken)).Value
                ? (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount
                : 0;
            depths[name] = depth;
            if (depth != 0)
            {
                problems.Add($"{depth} message(s) left in {name}");
            }
        }

        return new AuditReport(accepted.Count, complete, acknowledgements, duplicates, depths, problems);
    }

    /// <summary>
    /// Audits until the end state is right (the pipeline drains after the last fault), only poison is left (it does
    /// not drain by itself), or the time is up. Complaints whose only message is in poison stay incomplete until a
    /// replay: they are waited for until the time is up.
    /// </summary>
    public async Task<AuditReport> SettledAsync(IReadOnlyCollection<Submission> accepted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var unchanged = Stopwatch.StartNew();
        string? last = null;
        while (true)
        {
            var report = await RunAsync(accepted, cancellationToken);
            var stageQueuesEmpty = report.Queues.Where(q => !q.Key.EndsWith("-poison", StringComparison.Ordinal)).All(q => q.Value == 0);
            if (report.ToString() != last)
            {
                last = report.ToString();
                unchanged.Restart();
            }

            // Poison and nothing else moving for 15 s: what is left waits for the replay, not for time.
            var stuckOnPoison = report.Poisoned > 0 && stageQueuesEmpty && unchanged.Elapsed > TimeSpan.FromSeconds(15);
            if (report.Pending == 0 || stuckOnPoison || clock.Elapsed > timeout)
            {
                return report;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// What an operator does after an outage: every message left in a poison queue is replayed to its queue (as
    /// <c>scripts/replay-poison.sh</c> does, through the same <see cref="AzurePoisonQueues"/>), then the audit waits
    /// for the pipeline to settle again. A message poisoned by repeated crashes must come out of the replay as if it
    /// had run once: complete, acknowledged once.
    /// </summary>
    /// <returns>The audit after the replay, and how many messages were replayed (0: nothing was in poison).</returns>
    public async Task<(AuditReport Report, int Replayed)> ReplayPoisonAndSettleAsync(
        AuditReport settled, IReadOnlyCollection<Submission> accepted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (settled.Poisoned == 0)
        {
            return (settled, 0);
        }

        var poison = new AzurePoisonQueues(new QueueServiceClient(pipeline.Azurite.ConnectionString), new StorageOptions { NamePrefix = pipeline.Prefix });
        var replayed = 0;
        foreach (var queue in poison.Queues)
        {
            replayed += (await poison.ReplayAsync(queue, id: null, dryRun: false, cancellationToken)).Replayed.Count;
        }

        return (await SettledAsync(accepted, timeout, cancellationToken), replayed);
    }
}
