using System.Diagnostics;
using ComplaintFlow.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace ComplaintFlow.Reliability.Tests.Storage;

/// <summary>
/// Storage misbehaving under a running pipeline: a proxy spoiling a share of blob, queue and table requests, and the
/// emulator itself stopped and started again. The app is never restarted; the end state must be the one a run
/// without faults reaches: every complaint recorded with a complete history, one acknowledgement each, queues empty.
/// </summary>
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pipeline_ends_as_without_faults_when_storage_answers_errors_stalls_and_resets()
    {
        var run = FaultRun.FromEnvironment();
        var clock = Stopwatch.StartNew();
        StorageFaultProxy? proxy = null;
        // Each storage request gives up after 2 s (instead of 30), so stalls cost seconds, not minutes.
        await using var pipeline = await Pipeline.StartAsync(
            $"storage-faults-{run.Kind}",
            async azurite => (proxy = await StorageFaultProxy.StartAsync(azurite, run.Seed, stall: TimeSpan.FromSeconds(5))).ConnectionString,
            new Dictionary<string, string> { ["ComplaintFlow:Storage:NetworkTimeout"] = "00:00:02" });
        await using var faults = proxy!;
        faults.Rate = 0.08;
        faults.Enabled = true;
        var complaints = run.Complaints / 2;
        output.WriteLine($"storage fault run '{run.Kind}': seed {run.Seed}, {complaints} complaints, {faults.Rate:P0} of storage requests spoiled");

        using var customers = new Customers(pipeline.App.Address, run.Seed);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(run.Kind == "long" ? 60 : 12));
        await customers.SubmitAllAsync(Customers.Plan(complaints, run.Seed), parallel: 4, pause: TimeSpan.FromMilliseconds(100), deadline.Token);
        var audit = new PipelineAudit(pipeline);
        var settled = await audit.SettledAsync(customers.Accepted.ToArray(), TimeSpan.FromMinutes(3), deadline.Token);
        // Lost lease renewals and lost receive answers spend a message's deliveries without a failure, so a rare one
        // ends in poison; the operator's replay must finish it as one clean delivery would.
        var (report, replayed) = await audit.ReplayPoisonAndSettleAsync(settled, customers.Accepted.ToArray(), TimeSpan.FromMinutes(2), deadline.Token);

        var spoiled = faults.Counts.Where(c => c.Key != StorageFault.None).ToDictionary(c => c.Key.ToString(), c => c.Value);
        FaultRun.Report(output, $"storage-faults-{run.Kind}", new
        {
            run.Kind,
            run.Seed,
            Complaints = complaints,
            report.Accepted,
            SubmissionAttempts = customers.Attempts,
            StorageRequests = faults.Requests,
            Spoiled = spoiled,
            report.Complete,
            PoisonedThenReplayed = replayed,
            report.Acknowledgements,
            Duplicates = report.Duplicates.Count,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        }, report);

        Assert.True(spoiled.Values.Sum() >= 20, $"only {spoiled.Values.Sum()} storage requests were spoiled");
        Assert.Equal(complaints, report.Accepted);
        Assert.True(report.Problems.Count == 0, $"{report}\napp log: {pipeline.App.LogPath}\n{pipeline.App.RecentOutput}");
        Assert.Empty(report.Duplicates);
    }

    [Fact]
    public async Task No_complaint_is_lost_and_the_app_recovers_by_itself_when_storage_restarts_mid_run()
    {
        var run = FaultRun.FromEnvironment();
        var clock = Stopwatch.StartNew();
        await using var pipeline = await Pipeline.StartAsync($"storage-restarts-{run.Kind}", azurite => Task.FromResult(azurite.ConnectionString));
        using var customers = new Customers(pipeline.App.Address, run.Seed);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(run.Kind == "long" ? 60 : 12));
        var restarts = run.Kind == "long" ? 10 : 2;
        output.WriteLine($"storage restart run '{run.Kind}': seed {run.Seed}, {run.Complaints / 2} complaints, {restarts} restarts");

        var traffic = customers.SubmitAllAsync(Customers.Plan(run.Complaints / 2, run.Seed), parallel: 3, pause: TimeSpan.FromMilliseconds(600), deadline.Token);
        var random = new Random(run.Seed);
        for (var i = 0; i < restarts; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1_500 + random.Next(2_500)), deadline.Token);
            await pipeline.RestartStorageAsync(down: TimeSpan.FromSeconds(2));
        }

        await traffic;
        var report = await new PipelineAudit(pipeline).SettledAsync(customers.Accepted.ToArray(), TimeSpan.FromMinutes(2), deadline.Token);
        FaultRun.Report(output, $"storage-restarts-{run.Kind}", new
        {
            run.Kind,
            run.Seed,
            Complaints = run.Complaints / 2,
            report.Accepted,
            SubmissionAttempts = customers.Attempts,
            StorageRestarts = restarts,
            report.Complete,
            report.Acknowledgements,
            Duplicates = report.Duplicates.Count,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        }, report);

        Assert.Equal(run.Complaints / 2, report.Accepted);
        Assert.True(report.Problems.Count == 0, $"{report}\napp log: {pipeline.App.LogPath}\n{pipeline.App.RecentOutput}");
        Assert.Empty(report.Duplicates);
    }
}
