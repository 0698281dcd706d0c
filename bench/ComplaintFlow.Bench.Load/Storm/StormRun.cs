using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Queues;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Bench.Load.Load;
using ComplaintFlow.Bench.Load.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>One complaint of the storm as sent, and what the audit found for it.</summary>
internal sealed record StormOutcome
{
    public required StormComplaint Storm { get; init; }
    public required Submission Submission { get; init; }

    /// <summary>When it was due, from the burst's start (negative: before the burst).</summary>
    public required TimeSpan Offset { get; init; }

    public string? ComplaintId { get; init; }
    public bool HasRecord { get; init; }
    public int Acknowledgements { get; init; }
    public DateTimeOffset? FirstAcknowledgementAt { get; init; }
    public string? LinkedIncidentId { get; init; }

    public TimeSpan? SubmitToAcknowledgement => FirstAcknowledgementAt - Submission.SubmittedAt;
}

/// <summary>A moment's queue depths: every queue of the app (poison queues apart), and the poison queues.</summary>
internal sealed record QueueSample(TimeSpan Offset, long Messages, long Poison);

/// <summary>Everything one storm run measured, for the report.</summary>
internal sealed record StormResults
{
    public required StormSettings Settings { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string LoadAverage { get; init; }
    public required IncidentSetup Incidents { get; init; }
    public required IReadOnlyList<StormOutcome> Outcomes { get; init; }
    public required IReadOnlyList<QueueSample> Queues { get; init; }
    public required OperationCounts Storage { get; init; }

    /// <summary>Whether every accepted complaint was acknowledged before the drain timeout.</summary>
    public required bool Drained { get; init; }

    /// <summary>From the burst's start to the last send.</summary>
    public required TimeSpan SendingTime { get; init; }
}

/// <summary>
/// The storm: the real app (as the load run starts it) on Azurite behind the counting proxy; a supervisor opens the
/// three incidents; background complaints, then the burst over them, then background again while the backlog drains;
/// the queues' depth sampled throughout; then every accepted complaint audited (record, acknowledgements at the
/// fakes, the incident the desk shows it linked to).
/// </summary>
internal sealed class StormRun(StormSettings settings, TextWriter log)
{
    private const int MaxInFlight = 256;

    public async Task<StormResults> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadAverage = MachineLoad.Read();
        var azurite = await Azurite.SharedAsync();
        var counter = new StorageOperationCounter();
        await using var storage = await StorageProxy.StartAsync(azurite, counter.RelayAsync);
        await using var host = await StartAppAsync(storage.ConnectionString);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight }) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var sender = new ComplaintSender(http, AppHost.TwilioAuthToken, host.Services.GetRequiredService<IntakeOptions>().PublicBaseUrl);
        using var desk = await StormDesk.SignInAsync(host.Address, cancellationToken);

        var incidents = await desk.OpenIncidentsAsync(startedAt - TimeSpan.FromMinutes(10), cancellationToken);
        log.WriteLine(incidents.Available ? $"Incidents opened: {string.Join(", ", incidents.Ids.Keys)}" : $"Incidents: n/a ({incidents.Unavailable})");

        var runTag = "s" + startedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var schedule = Schedule(new StormGenerator(settings.Seed, settings.Mix, runTag));
        log.WriteLine($"Storm: {settings.Count} complaints in {settings.Duration.TotalSeconds:0} s, {schedule.Count - settings.Count} background ({settings.Mix}) ...");

        var queues = new QueueServiceClient(azurite.ConnectionString);
        var samples = new ConcurrentQueue<QueueSample>();
        var before = counter.Snapshot();
        var burstStart = Stopwatch.GetTimestamp() + (long)(settings.Before.TotalSeconds * Stopwatch.Frequency);
        var burstStartAt = DateTimeOffset.UtcNow + settings.Before;
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = SampleQueuesAsync(queues, host.Prefix, burstStart, samples, stopSampling.Token);

        var sent = await SendAsync(sender, schedule, burstStart, burstStartAt, cancellationToken);
        var sendingTime = Stopwatch.GetElapsedTime(burstStart);
        log.WriteLine($"  sent {sent.Count}, accepted {sent.Count(s => s.Submission.Accepted)} in {sendingTime.TotalSeconds:0} s; waiting for the backlog ...");

        var acknowledgements = new AcknowledgementWatch(host.Mailbox);
        var drained = await WaitForDrainAsync(host, acknowledgements, sent, samples, settings.DrainTimeout, cancellationToken);
        await stopSampling.CancelAsync();
        await sampling;
        await SettleAsync(counter, cancellationToken);
        var counts = counter.Snapshot().Minus(before);

        log.WriteLine($"Audit of {sent.Count(s => s.Submission.Accepted)} accepted complaints ...");
        var outcomes = await AuditAsync(host, desk, acknowledgements, sent, incidents, cancellationToken);
        return new StormResults
        {
            Settings = settings,
            StartedAt = startedAt,
            LoadAverage = loadAverage,
            Incidents = incidents,
            Outcomes = outcomes,
            Queues = [.. samples],
            Storage = counts,
            Drained = drained,
            SendingTime = sendingTime,
        };
    }

    /// <summary>
    /// When each complaint is due, from the burst's start: background at a steady rate from before the burst to after
    /// it, and the burst front-loaded as storms are (the rate starts at twice the mean and falls to nothing).
    /// </summary>
    private List<(TimeSpan Offset, StormComplaint Complaint)> Schedule(StormGenerator generator)
    {
        var due = new List<(double Seconds, bool Incident)>();
        for (var k = 0; k < settings.Count; k++)
        {
            var u = (k + 0.5) / settings.Count;
            due.Add((settings.Duration.TotalSeconds * (1 - Math.Sqrt(1 - u)), true));
        }

        if (settings.BackgroundRate > 0)
        {
            var end = settings.Duration + settings.After;
            for (var t = -settings.Before.TotalSeconds; t < end.TotalSeconds; t += 1 / settings.BackgroundRate)
            {
                due.Add((t, false));
            }
        }

        // Complaints are drawn in the order they go out, so a seed gives the same storm whatever the machine does.
        return [.. due.OrderBy(d => d.Seconds).Select(d => (TimeSpan.FromSeconds(d.Seconds), d.Incident ? generator.NextIncident() : generator.NextBackground()))];
    }

    /// <summary>Open loop: each complaint goes out when due, whatever the answers do; latency counts from when it was due.</summary>
    private static async Task<List<(StormComplaint Storm, Submission Submission, TimeSpan Offset)>> SendAsync(
        ComplaintSender sender,
        List<(TimeSpan Offset, StormComplaint Complaint)> schedule,
        long burstStart,
        DateTimeOffset burstStartAt,
        CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<(StormComplaint, Submission, TimeSpan)>();
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var pending = new List<Task>();
        foreach (var (offset, complaint) in schedule)
        {
            var intendedTimestamp = burstStart + (long)(offset.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intendedTimestamp);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await inFlight.WaitAsync(cancellationToken);
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var submission = await sender.SendAsync(complaint.Complaint, burstStartAt + offset, intendedTimestamp, cancellationToken);
                    results.Add((complaint, submission, offset));
                }
                finally
                {
                    inFlight.Release();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(pending);
        return [.. results.OrderBy(r => r.Item3)];
    }

    /// <summary>Every half second: messages waiting in the app's queues (visible or being handled) and in poison queues.</summary>
    private static async Task SampleQueuesAsync(QueueServiceClient queues, string prefix, long burstStart, ConcurrentQueue<QueueSample> samples, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                long messages = 0, poison = 0;
                await foreach (var queue in queues.GetQueuesAsync(prefix: prefix, cancellationToken: cancellationToken))
                {
                    var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken);
                    if (queue.Name.EndsWith("-poison", StringComparison.Ordinal))
                    {
                        poison += properties.Value.ApproximateMessagesCount;
                    }
                    else
                    {
                        messages += properties.Value.ApproximateMessagesCount;
                    }
                }

                samples.Enqueue(new QueueSample(Stopwatch.GetElapsedTime(burstStart, Stopwatch.GetTimestamp()), messages, poison));
                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Sampling stops when the run does.
        }
    }

    /// <summary>Waits until every accepted complaint has an acknowledgement at the fakes and the queues are empty.</summary>
    private static async Task<bool> WaitForDrainAsync(
        AppHost host,
        AcknowledgementWatch acknowledgements,
        List<(StormComplaint Storm, Submission Submission, TimeSpan Offset)> sent,
        ConcurrentQueue<QueueSample> samples,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var waiting = sent.Where(s => s.Submission.Accepted).Select(s => s.Submission).ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var texts = Texts(host);
            waiting.RemoveAll(s => acknowledgements.EmailsFor(s).Count > 0 || (s.Complaint.Phone is { } phone && texts.ContainsKey(Digits(phone))));
            if (waiting.Count == 0 && samples.LastOrDefault() is { Messages: 0 })
            {
                return true;
            }

            await Task.Delay(500, cancellationToken);
        }

        return false;
    }

    private async Task<List<StormOutcome>> AuditAsync(
        AppHost host,
        StormDesk desk,
        AcknowledgementWatch acknowledgements,
        List<(StormComplaint Storm, Submission Submission, TimeSpan Offset)> sent,
        IncidentSetup incidents,
        CancellationToken cancellationToken)
    {
        var texts = Texts(host);

        // The watch's index is not for concurrent use: read it on this thread first.
        var items = sent.Select(s =>
        {
            var emails = s.Submission.Complaint.Email is null ? [] : acknowledgements.EmailsFor(s.Submission).Select(e => e.ReceivedAt).ToList();
            var sms = s.Submission.Complaint.Phone is { } phone ? texts.GetValueOrDefault(Digits(phone)) ?? [] : [];
            var all = emails.Concat(sms).Order().ToList();
            return new StormOutcome
            {
                Storm = s.Storm,
                Submission = s.Submission,
                Offset = s.Offset,
                ComplaintId = acknowledgements.ComplaintIdFor(s.Submission),
                Acknowledgements = all.Count,
                FirstAcknowledgementAt = all.Count > 0 ? all[0] : null,
            };
        }).ToList();

        var outcomes = new StormOutcome[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            // A send that got no answer (the client's timeout) may still have been recorded: look for it by its source.
            var item = items[i];
            var id = item.ComplaintId ?? await FindBySourceAsync(host.Complaints, item.Submission.Complaint, ct);
            var record = id is not null && await host.Complaints.FindAsync(id, ct) is not null;
            string? linked = null;
            if (record && incidents.Available)
            {
                (linked, var error) = await desk.LinkedIncidentAsync(id!, ct);
                if (error is not null)
                {
                    log.WriteLine($"  the desk could not show {id}: {error}");
                }
            }

            outcomes[i] = item with { ComplaintId = id, HasRecord = record, LinkedIncidentId = linked };
        });
        return [.. outcomes];
    }

    /// <summary>
    /// A complaint whose id the run does not know (an email never acknowledged, a send without an answer): look for it
    /// under the ids the app derives from its source (the web form's key with the contact, the Message-Id, the MessageSid).
    /// </summary>
    private static async Task<string?> FindBySourceAsync(IComplaintStore store, GeneratedComplaint complaint, CancellationToken cancellationToken)
    {
        if (complaint.Route != InboundRoute.EmailWebhook)
        {
            var id = complaint.Route == InboundRoute.SmsWebhook
                ? ComplaintId.FromSource(Channel.Sms, complaint.SourceId)
                : ComplaintId.FromSource(Channel.Web, $"{complaint.SourceId}|{complaint.Email}|{complaint.Phone}");
            return await store.FindAsync(id, cancellationToken) is not null ? id : null;
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

    /// <summary>Texts the app sent through either SMS fake (Twilio, Azure Communication Services), by recipient's digits.</summary>
    private static Dictionary<string, List<DateTimeOffset>> Texts(AppHost host) =>
        host.Texts.Messages.Select(m => (m.To, At: m.DateCreated))
            .Concat(host.AcsTexts.Messages.Select(m => (m.To, At: m.ReceivedAt)))
            .GroupBy(m => Digits(m.To))
            .ToDictionary(g => g.Key, g => g.Select(m => m.At).ToList());

    private static string Digits(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);

    private static Task<AppHost> StartAppAsync(string storage) =>
        AppHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["ComplaintFlow:Storage:ConnectionString"] = storage,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Azure.Core"] = "Error",
            },
            logging => logging.SetMinimumLevel(LogLevel.Warning),
            fakes => fakes.Logging.SetMinimumLevel(LogLevel.Error));

    /// <summary>Waits until storage work stops, so the count holds every request the storm's complaints caused.</summary>
    private static async Task SettleAsync(StorageOperationCounter counter, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = counter.Snapshot().Work;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(500, cancellationToken);
            var now = counter.Snapshot().Work;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }
}
