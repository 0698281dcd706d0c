namespace ComplaintFlow.Hosting.Tests;

/// <summary>Start-up failures, lease renewal and crashes: each test runs its own host (and worker).</summary>
public sealed class WorkerLifecycleTests
{
    [Fact]
    public async Task Worker_that_refuses_its_settings_makes_start_fail_with_its_own_message()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestWorkerHost.StartAsync(s => s["TestWorker:Mode"] = "invalid"));

        Assert.Contains("TestWorker:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lease_is_renewed_so_a_slow_message_stays_invisible_and_runs_once()
    {
        await using var worker = await TestWorkerHost.StartAsync(s => s["Hosting:MessageLease"] = "00:00:02");
        var text = "6";
        await worker.SendAsync("slow", text);
        await worker.WaitForAsync("slow-start", r => r.Count == 1);

        // Three leases long: without renewal the message would reappear (and be delivered again) after two seconds.
        for (var i = 0; i < 10; i++)
        {
            Assert.Empty((await worker.Queue("slow").PeekMessagesAsync(32)).Value);
            await Task.Delay(500);
        }

        await worker.WaitForAsync("slow-end", r => r.Count == 1);
        Assert.Single(worker.Invocations("slow-start"));
        await QueueTriggerTests.Eventually(async () => (await worker.Queue("slow").PeekMessagesAsync(32)).Value.Length == 0);
    }

    [Fact]
    public async Task Killed_worker_is_restarted_and_its_in_flight_message_is_delivered_again()
    {
        await using var worker = await TestWorkerHost.StartAsync(messageLease: TimeSpan.FromSeconds(2));
        var firstPid = worker.Host.WorkerProcessId;
        await worker.SendAsync("slow", "3");
        await worker.WaitForAsync("slow-start", r => r.Count == 1);

        worker.Host.KillWorker();

        var ends = await worker.WaitForAsync("slow-end", r => r.Count == 1, TimeSpan.FromSeconds(60));
        Assert.Equal("2", ends[0].DequeueCount);
        Assert.NotEqual(firstPid, ends[0].ProcessId);
        Assert.Equal(2, worker.Host.WorkerStarts);
        Assert.Equal(ends[0].ProcessId, worker.Host.WorkerProcessId);
        Assert.Contains(worker.Logs.Entries, e => e.Message.Contains("exited; restarting it", StringComparison.Ordinal));

        // HTTP goes to the new worker.
        using var client = new HttpClient { BaseAddress = worker.Host.Address };
        using var response = await client.GetAsync("echo/after-restart");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Worker_that_crashes_itself_mid_invocation_is_restarted_and_the_message_comes_back()
    {
        await using var worker = await TestWorkerHost.StartAsync(messageLease: TimeSpan.FromSeconds(2));
        await worker.SendAsync("crash", "crash");

        var attempts = await worker.WaitForAsync("crash", r => r.Count == 2, TimeSpan.FromSeconds(60));
        // The first delivery is the crash; the message then comes back. It may come back on its third dequeue: a
        // delivery taken while the worker was still restarting is not invoked and returns when its 2 s lease ends.
        Assert.Equal("1", attempts[0].DequeueCount);
        Assert.True(int.Parse(attempts[1].DequeueCount ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 2, $"dequeue count {attempts[1].DequeueCount}");
        Assert.NotEqual(attempts[0].ProcessId, attempts[1].ProcessId);
        Assert.Equal(2, worker.Host.WorkerStarts);
        await QueueTriggerTests.Eventually(async () => (await worker.Queue("crash").PeekMessagesAsync(32)).Value.Length == 0);
    }
}
