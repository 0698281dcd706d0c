using System.Diagnostics;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Bench.Load.Load;
using ComplaintFlow.Bench.Load.Measurement;
using ComplaintFlow.Bench.Load.Storage;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Bench.Load;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed record BenchResults
{
    public required BenchSettings Settings { get; init; }
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The machine's 1/5/15-minute load averages before the run: other work on shared cores skews every figure.</summary>
    public string LoadAverage { get; init; } = MachineLoad.Read();

    public IReadOnlyList<PhaseResult> Phases { get; init; } = [];
    public IReadOnlyDictionary<string, string> Webhooks { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<Submission> AllSubmissions { get; init; } = [];
    public NoLossResult? NoLoss { get; init; }
    /// <summary>The higher of the ceiling runs: storage can do at least what it did in its best window.</summary>
    public required CeilingResult Ceiling { get; init; }

    /// <summary>
    /// The ceiling measured before the load (mix counted during warm-up) and after it (mix counted at maximum rate):
    /// on shared cores the machine's load drifts, and two windows around the load bound the drift.
    /// </summary>
    public IReadOnlyList<CeilingResult> CeilingRuns { get; init; } = [];

    /// <summary>The pipeline's storage work per second at maximum rate, over what raw storage served with the same mix.</summary>
    public double? CeilingRatio =>
        Phases.FirstOrDefault(p => p.Window.TargetRate is null) is { } max
            ? max.Storage.Work / max.ProcessingTime.TotalSeconds / Ceiling.OperationsPerSecond
            : null;
}

/// <summary>Linux's load averages, or "unknown" elsewhere.</summary>
internal static class MachineLoad
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>
/// The run: the real app in this process on Azurite, warm-up, maximum rate, fixed rate at half of it, the no-loss
/// audit, then the raw storage ceiling with the operation mix counted at maximum rate, on the same Azurite.
/// </summary>
internal sealed class BenchRun(BenchSettings settings, TextWriter log)
{
    /// <summary>Twilio signs webhooks with the account's auth token: the one the app and the Twilio fake share.</summary>
    private const string TwilioAuthToken = AppHost.TwilioAuthToken;

    public async Task<BenchResults> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var azurite = await Azurite.SharedAsync();
        // The app, the Functions host's triggers and the ceiling all reach Azurite through one counting proxy: every
        // request is counted the same way, and the ceiling pays the same extra hop as the pipeline it is compared with.
        var counter = new StorageOperationCounter();
        await using var storage = await StorageProxy.StartAsync(azurite, counter.RelayAsync);
        var samples = SampleComplaints();
        var ceiling = new StorageCeiling(storage.ConnectionString, counter, samples);
        if (settings.CeilingOnly)
        {
            log.WriteLine($"Ceiling only: {settings.Concurrency} workers for {settings.CeilingDuration.TotalSeconds:0} s ...");
            return new BenchResults
            {
                Settings = settings,
                StartedAt = startedAt,
                Ceiling = await ceiling.MeasureAsync(OperationMix.FromCode, settings.Concurrency, settings.CeilingDuration, cancellationToken),
            };
        }

        List<PhaseResult> phases = [];
        List<Submission> all = [];
        Dictionary<string, string> webhooks;
        NoLossResult noLoss;
        CeilingResult before;
        await using (var host = await StartAppAsync(storage.ConnectionString))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 4 })
            {
                BaseAddress = host.Address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var sender = new ComplaintSender(http, TwilioAuthToken, host.Services.GetRequiredService<IntakeOptions>().PublicBaseUrl);
            var acknowledgements = new AcknowledgementWatch(host.Mailbox);
            var runTag = "r" + startedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

            (webhooks, var probes) = await ProbeWebhooksAsync(sender, runTag, cancellationToken);
            all.AddRange(probes);
            var mix = new TrafficMix(
                webhooks[ComplaintSender.EmailWebhook] == "available" ? settings.EmailShare : 0,
                webhooks[ComplaintSender.SmsWebhook] == "available" ? settings.SmsShare : 0);
            var load = new LoadGenerator(new ComplaintGenerator(settings.Seed, mix, runTag), sender);

            log.WriteLine($"Warm-up: {settings.WarmUpComplaints} complaints ...");
            var warmUpCounts = counter.Snapshot();
            var warmUp = await load.FixedRateAsync(Math.Max(1, settings.WarmUpComplaints / 2.0), settings.Concurrency, TimeSpan.FromSeconds(2), cancellationToken);
            all.AddRange(warmUp.Submissions);
            await acknowledgements.WaitForAllAsync(all, settings.DrainTimeout, cancellationToken);
            await SettleAsync(counter, cancellationToken);
            var warmUpMix = OperationMix.Measured(counter.Snapshot().Minus(warmUpCounts), warmUp.Accepted) with { Source = $"counted during warm-up ({warmUp.Accepted} complaints)" };
            log.WriteLine($"Storage ceiling before the load: {settings.Concurrency} workers for {settings.CeilingDuration.TotalSeconds:0} s ...");
            before = await ceiling.MeasureAsync(warmUpMix, settings.Concurrency, settings.CeilingDuration, cancellationToken);

            log.WriteLine($"Maximum rate: {settings.Concurrency} senders for {settings.PhaseDuration.TotalSeconds:0} s ...");
            var max = await MeasurePhaseAsync("maximum rate", () => load.MaxRateAsync(settings.Concurrency, settings.PhaseDuration, cancellationToken), counter, acknowledgements, cancellationToken);
            phases.Add(max);
            all.AddRange(max.Window.Submissions);
            log.WriteLine($"  accepted {max.Window.AcceptedPerSecond:0.0}/s, processed {max.ProcessedPerSecond:0.0}/s");

            var rate = settings.FixedRate ?? Math.Max(0.5, max.ProcessedPerSecond / 2);
            log.WriteLine($"Fixed rate: {rate:0.0} complaints/s for {settings.PhaseDuration.TotalSeconds:0} s ...");
            var fixedRate = await MeasurePhaseAsync("fixed rate", () => load.FixedRateAsync(rate, settings.Concurrency * 4, settings.PhaseDuration, cancellationToken), counter, acknowledgements, cancellationToken);
            phases.Add(fixedRate);
            all.AddRange(fixedRate.Window.Submissions);
            log.WriteLine($"  p95 submit -> acknowledgement {fixedRate.Acknowledge.P95:0} ms");

            log.WriteLine($"No-loss check over {all.Count(s => s.Accepted)} accepted complaints ...");
            noLoss = await new NoLossCheck(host.Complaints, acknowledgements).RunAsync(all, cancellationToken);
        }

        var measuredMix = OperationMix.Measured(phases[0].Storage, phases[0].Window.Accepted);

        // The queue handlers add storage concurrency of their own: the ceiling gets at least as many requests in
        // flight as the pipeline had, or it would understate what storage can do.
        var workers = Math.Max(settings.Concurrency, (int)Math.Ceiling(phases[0].StorageConcurrency));
        log.WriteLine($"Storage ceiling after the load: {workers} workers for {settings.CeilingDuration.TotalSeconds:0} s, {measuredMix.Total:0.0} operations per complaint ...");
        var after = await ceiling.MeasureAsync(measuredMix, workers, settings.CeilingDuration, cancellationToken);
        return new BenchResults
        {
            Settings = settings,
            StartedAt = startedAt,
            Phases = phases,
            Webhooks = webhooks,
            AllSubmissions = all,
            NoLoss = noLoss,
            Ceiling = before.OperationsPerSecond > after.OperationsPerSecond ? before : after,
            CeilingRuns = [before, after],
        };
    }

    private static Task<AppHost> StartAppAsync(string storage) =>
        AppHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["ComplaintFlow:Storage:ConnectionString"] = storage,
                ["Logging:LogLevel:Default"] = "Warning",

                // Under load the SDK warns about every slow response; the report has the latencies.
                ["Logging:LogLevel:Azure.Core"] = "Error",
            },
            logging => logging.SetMinimumLevel(LogLevel.Warning),
            fakes => fakes.Logging.SetMinimumLevel(LogLevel.Error));

    private async Task<PhaseResult> MeasurePhaseAsync(
        string name,
        Func<Task<SendWindow>> send,
        StorageOperationCounter counter,
        AcknowledgementWatch acknowledgements,
        CancellationToken cancellationToken)
    {
        var before = counter.Snapshot();
        await using var app = ProcessSampler.Current();
        await using var worker = ProcessSampler.ChildrenNamed("function worker (child process)", "ComplaintFlow.Functions.dll");
        await using var storage = ProcessSampler.ChildrenNamed("Azurite (node)", "azurite");
        var window = await send();
        var drained = await acknowledgements.WaitForAllAsync(window.Submissions, settings.DrainTimeout, cancellationToken);
        await SettleAsync(counter, cancellationToken);
        var counts = counter.Snapshot().Minus(before);
        var usage = new[] { await app.StopAsync(), await worker.StopAsync(), await storage.StopAsync() };
        if (!drained)
        {
            log.WriteLine($"  not every accepted complaint was acknowledged within {settings.DrainTimeout.TotalSeconds:0} s");
        }

        return PhaseResult.Of(name, window, acknowledgements, counts, usage, drained);
    }

    /// <summary>
    /// An acknowledgement is sent before Notify records it and deletes its message: wait until storage work stops,
    /// so the window's count holds every request its complaints caused.
    /// </summary>
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

    /// <summary>Sends one complaint to each webhook: a 2xx makes it part of the traffic, anything else is reported.</summary>
    private async Task<(Dictionary<string, string> Status, List<Submission> Probes)> ProbeWebhooksAsync(ComplaintSender sender, string runTag, CancellationToken cancellationToken)
    {
        var status = new Dictionary<string, string>();
        var probes = new List<Submission>();
        foreach (var (route, path, share) in new[]
                 {
                     (InboundRoute.EmailWebhook, ComplaintSender.EmailWebhook, new TrafficMix(1, 0)),
                     (InboundRoute.SmsWebhook, ComplaintSender.SmsWebhook, new TrafficMix(0, 1)),
                 })
        {
            var complaint = new ComplaintGenerator(settings.Seed - 1, share, runTag + "p" + (int)route).Next();
            var probe = await sender.SendAsync(complaint, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp(), cancellationToken);
            status[path] = probe.Accepted ? "available"
                : probe.Status is 404 or 405 ? "not available (no such endpoint)"
                : $"not available (answered {probe.Error ?? "HTTP " + probe.Status})";
            if (probe.Accepted)
            {
                probes.Add(probe);
            }

            log.WriteLine($"Webhook {path}: {status[path]}");
        }

        return (status, probes);
    }

    /// <summary>Complaints of the same mix and sizes as the load, for the ceiling's payloads.</summary>
    private List<GeneratedComplaint> SampleComplaints()
    {
        var generator = new ComplaintGenerator(settings.Seed, new TrafficMix(settings.EmailShare, settings.SmsShare), "ceiling");
        return [.. Enumerable.Range(0, 256).Select(_ => generator.Next())];
    }
}
