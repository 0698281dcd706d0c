using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using ComplaintFlow.Hosting;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Hosting;

/// <summary>The local trigger host behaves as the Functions queue and timer triggers do, on real Azurite queues.</summary>
public sealed class LocalTriggerHostTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("cf-script-").FullName;
    private readonly string _queueName = Names.Unique("work");
    private readonly CancellationTokenSource _stop = new();
    private QueueServiceClient _queues = null!;
    private LocalTriggerHost? _host;

    public async Task InitializeAsync() => _queues = new QueueServiceClient((await Azurite.SharedAsync()).ConnectionString);

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
        }

        Directory.Delete(_root, recursive: true);
    }

    private void WriteHost(int batchSize = 4, int newBatchThreshold = 2, string visibilityTimeout = "00:00:00", int maxDequeueCount = 5)
    {
        File.WriteAllText(Path.Combine(_root, "host.json"), $$"""
            {
              "version": "2.0",
              "functionTimeout": "00:00:30",
              "extensions": { "queues": {
                "batchSize": {{batchSize}}, "newBatchThreshold": {{newBatchThreshold}}, "maxPollingInterval": "00:00:00.200",
                "visibilityTimeout": "{{visibilityTimeout}}", "maxDequeueCount": {{maxDequeueCount}}, "messageEncoding": "base64" } }
            }
            """);
    }

    private void WriteFunction(string name, string bindingJson)
    {
        Directory.CreateDirectory(Path.Combine(_root, name));
        File.WriteAllText(Path.Combine(_root, name, "function.json"), $$"""{ "bindings": [ {{bindingJson}} ] }""");
    }

    private void QueueFunction(string name) =>
        WriteFunction(name, $$"""{ "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "{{_queueName}}", "connection": "Storage" }""");

    private async Task StartAsync(Action<FunctionRegistry> register, TimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Storage"] = (await Azurite.SharedAsync()).ConnectionString };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var services = new ServiceCollection().BuildServiceProvider();
        var registry = new FunctionRegistry(services.GetRequiredService<IServiceScopeFactory>());
        register(registry);
        _host = new LocalTriggerHost(
            new LocalTriggerHostOptions { ScriptRoot = _root, TimeProvider = time ?? TimeProvider.System },
            registry,
            new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            NullLoggerFactory.Instance);
        await _host.StartAsync(_stop.Token);
    }

    private async Task SendAsync(string text)
    {
        var queue = _queues.GetQueueClient(_queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    private async Task<List<string>> PeekAsync(string queueName)
    {
        var queue = _queues.GetQueueClient(queueName);
        if (!(await queue.ExistsAsync()).Value)
        {
            return [];
        }

        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString())))];
    }

    [Fact]
    public async Task Message_failing_five_times_moves_to_the_poison_queue_with_its_content_intact()
    {
        WriteHost();
        QueueFunction("Fails");
        var attempts = new ConcurrentBag<int?>();
        await StartAsync(r => r.Add("Fails", (invocation, _, _) =>
        {
            attempts.Add(invocation.DequeueCount);
            throw new InvalidOperationException("always fails");
        }));

        await SendAsync("{\"complaintId\":\"ABC\",\"text\":\"停电了\"}");

        var poisoned = await AppHost.EventuallyAsync(() => PeekAsync(_queueName + "-poison")!, p => p?.Count == 1, "the poison message");
        Assert.Equal("{\"complaintId\":\"ABC\",\"text\":\"停电了\"}", poisoned[0]);
        Assert.Equal([1, 2, 3, 4, 5], attempts.Order());
        Assert.Empty(await PeekAsync(_queueName));
    }

    [Fact]
    public async Task Message_failing_once_is_retried_and_then_deleted()
    {
        WriteHost();
        QueueFunction("FlakyOnce");
        var calls = 0;
        await StartAsync(r => r.Add("FlakyOnce", (_, _, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("transient") : Task.FromResult(new FunctionResult())));

        await SendAsync("retry me");

        await AppHost.EventuallyAsync(async () => (await _queues.GetQueueClient(_queueName).GetPropertiesAsync()).Value.ApproximateMessagesCount,
            count => count == 0 && Volatile.Read(ref calls) == 2, "the retried message to be deleted");
        Assert.Equal(2, calls);
        Assert.Empty(await PeekAsync(_queueName + "-poison"));
    }

    [Fact]
    public async Task Concurrency_never_exceeds_batch_size_plus_new_batch_threshold()
    {
        WriteHost(batchSize: 4, newBatchThreshold: 2);
        QueueFunction("Slow");
        var running = 0;
        var peak = 0;
        var done = 0;
        await StartAsync(r => r.Add("Slow", async (_, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }

            await Task.Delay(40, ct);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
            return new FunctionResult();
        }));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SendAsync($"m{i}")));

        await AppHost.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref done)), d => d == 40, "all 40 messages");
        // batchSize 4 + newBatchThreshold 2: never more than 6 at once, and more than one batch did overlap.
        Assert.InRange(peak, 2, 6);
        Assert.InRange(_host!.QueueListeners.Single().MaxObservedConcurrency, peak, 6);
    }

    [Fact]
    public async Task Message_is_base64_decoded_before_the_function_sees_it_and_invalid_base64_is_poisoned()
    {
        WriteHost();
        QueueFunction("Echo");
        var seen = new ConcurrentBag<string?>();
        await StartAsync(r => r.Add("Echo", (invocation, _, _) =>
        {
            seen.Add(invocation.DataAsText("item"));
            return Task.FromResult(new FunctionResult());
        }));

        await SendAsync("投诉 complaint ✓");
        await _queues.GetQueueClient(_queueName).SendMessageAsync("this is not base64!");

        await AppHost.EventuallyAsync(() => Task.FromResult<IReadOnlyCollection<string?>?>(seen), s => s?.Count == 1, "the decoded message");
        var poison = _queues.GetQueueClient(_queueName + "-poison");
        await AppHost.EventuallyAsync(async () => (await poison.ExistsAsync()).Value ? (await poison.PeekMessagesAsync()).Value.Length : 0, n => n == 1, "the undecodable message in poison");
        Assert.Equal("投诉 complaint ✓", Assert.Single(seen));
    }

    [Fact]
    public async Task Timer_runs_on_startup_and_then_on_its_six_field_schedule_read_from_an_app_setting()
    {
        WriteHost();
        WriteFunction("Sweep", """{ "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "%Sweep:Schedule%", "runOnStartup": true }""");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 30, TimeSpan.Zero));
        var runs = new ConcurrentQueue<string?>();
        await StartAsync(
            r => r.Add("Sweep", (invocation, _, _) =>
            {
                runs.Enqueue(invocation.DataAsText("timer"));
                return Task.FromResult(new FunctionResult());
            }),
            time,
            new Dictionary<string, string?> { ["Sweep:Schedule"] = "0 */5 * * * *" });

        await AppHost.EventuallyAsync(() => Task.FromResult(runs.Count), n => n == 1, "the startup run");
        time.Advance(TimeSpan.FromMinutes(4)); // 10:04:30: before the 10:05:00 occurrence
        time.Advance(TimeSpan.FromSeconds(31)); // 10:05:01

        await AppHost.EventuallyAsync(() => Task.FromResult(runs.Count), n => n >= 2, "the 10:05 run");
        // A run fired early (at 10:04:30) would have announced 10:05 as its next occurrence.
        var second = runs.ElementAt(1)!;
        Assert.Contains("\"Next\":\"2026-11-24T10:10:00", second, StringComparison.Ordinal);
        Assert.Contains("\"IsPastDue\":false", second, StringComparison.Ordinal);
        Assert.Equal(2, runs.Count);
    }
}
