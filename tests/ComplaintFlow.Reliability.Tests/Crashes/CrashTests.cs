using System.Diagnostics;
using ComplaintFlow.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace ComplaintFlow.Reliability.Tests.Crashes;

/// <summary>
/// The app killed with SIGKILL at random (seeded) moments while complaints arrive over the web form, SendGrid's
/// inbound email webhook and Twilio's SMS webhook, and while Triage and Notify work through the queues. Kills take
/// turns: the worker process alone (the Functions host restarts it over gRPC) and the host with its worker (the
/// instance dies and comes back).
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>
    /// The documented at-least-once window: an acknowledgement can go out twice only when the app dies after the
    /// provider accepted it and before its <c>notified</c> event is written, a few hundred milliseconds at most; the
    /// margin covers a loaded machine.
    /// </summary>
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_accepted_complaint_is_triaged_and_acknowledged_once_however_often_the_app_is_killed()
    {
        var run = FaultRun.FromEnvironment();
        output.WriteLine($"crash run '{run.Kind}': seed {run.Seed}, {run.Complaints} complaints, {run.Kills} kills");
        var clock = Stopwatch.StartNew();
        await using var pipeline = await Pipeline.StartAsync($"crash-{run.Kind}", azurite => Task.FromResult(azurite.ConnectionString));
        using var customers = new Customers(pipeline.App.Address, run.Seed);
        var submissions = Customers.Plan(run.Complaints, run.Seed);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(run.Kind == "long" ? 60 : 12));

        // Submissions are spread over about the time the kills take, so kills land in intake, triage and notify alike.
        var traffic = customers.SubmitAllAsync(submissions, parallel: 4, pause: TimeSpan.FromMilliseconds(run.Kills * 2_500.0 * 4 / run.Complaints), deadline.Token);
        var random = new Random(run.Seed);
        var kills = new List<DateTimeOffset>();
        var workerKills = 0;
        for (var i = 0; i < run.Kills; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200 + random.Next(1_800)), deadline.Token);
            kills.Add(DateTimeOffset.UtcNow);
            if (i % 2 == 0 && pipeline.App.KillWorker() > 0)
            {
                workerKills++;
            }
            else
            {
                await pipeline.App.RestartAsync(deadline.Token);
            }
        }

        await traffic;
        var accepted = customers.Accepted.ToArray();
        var audit = new PipelineAudit(pipeline);
        var settled = await audit.SettledAsync(accepted, TimeSpan.FromMinutes(2), deadline.Token);
        // A message in flight at five kills has used its five deliveries and is parked in poison, as Azure's host
        // would park it; the operator's replay must then finish it exactly as one clean delivery would.
        var (report, replayed) = await audit.ReplayPoisonAndSettleAsync(settled, accepted, TimeSpan.FromMinutes(2), deadline.Token);
        // Every copy but the last must have been cut off by a kill before its 'notified' was written.
        var unexplained = report.Duplicates
            .Where(d => d.SentAt.SkipLast(1).Any(sent => !kills.Any(k => k >= sent && k - sent <= DuplicateWindow)))
            .ToList();

        var figures = new
        {
            run.Kind,
            run.Seed,
            Complaints = run.Complaints,
            report.Accepted,
            SubmissionAttempts = customers.Attempts,
            Kills = kills.Count,
            WorkerKills = workerKills,
            report.Complete,
            PoisonedThenReplayed = replayed,
            report.Acknowledgements,
            Duplicates = report.Duplicates.Count,
            DuplicatesOutsideWindow = unexplained.Count,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
        FaultRun.Report(output, $"crash-{run.Kind}", figures, report);

        Assert.True(kills.Count >= 20, $"only {kills.Count} kills");
        Assert.True(workerKills >= kills.Count / 4, $"only {workerKills} of {kills.Count} kills found a worker to kill");
        Assert.Equal(run.Complaints, report.Accepted);
        Assert.True(report.Problems.Count == 0, $"{report}\napp log: {pipeline.App.LogPath}\n{pipeline.App.RecentOutput}");
        Assert.Empty(unexplained);
    }
}
