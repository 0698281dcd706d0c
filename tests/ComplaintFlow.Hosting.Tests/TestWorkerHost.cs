using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting.Tests;

/// <summary>What a test-worker function wrote about one invocation.</summary>
public sealed record Invocation(string Kind, string Message, string? DequeueCount, string? Id, string? InsertionTime, int ProcessId);

/// <summary>
/// A <see cref="LocalFunctionsHost"/> running the test worker's build output on the shared Azurite, with its own
/// queue-name prefix and output folder so that hosts never see each other's work.
/// </summary>
public sealed class TestWorkerHost : IAsyncDisposable
{
    private readonly string _output;

    private TestWorkerHost(LocalFunctionsHost host, QueueServiceClient queues, string prefix, string output, CapturedLogs logs)
    {
        Host = host;
        Queues = queues;
        Prefix = prefix;
        _output = output;
        Logs = logs;
    }

    public LocalFunctionsHost Host { get; }
    public QueueServiceClient Queues { get; }
    public string Prefix { get; }
    public CapturedLogs Logs { get; }

    public static string ScriptRoot =>
        Path.GetFullPath(typeof(TestWorkerHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestWorkerOutput").Value!);

    public static async Task<Dictionary<string, string?>> SettingsAsync(string prefix, string output) => new()
    {
        ["TestStorage"] = (await Azurite.SharedAsync()).ConnectionString,
        ["TestWorker:Prefix"] = prefix,
        ["TestWorker:OutputDirectory"] = output,
        ["TestWorker:Schedule"] = "*/1 * * * * *",
    };

    public static async Task<TestWorkerHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, TimeSpan? messageLease = null)
    {
        var prefix = Names.Unique("h") + "-";
        var output = Directory.CreateTempSubdirectory("cf-hosting-").FullName;
        var settings = await SettingsAsync(prefix, output);
        configure?.Invoke(settings);
        var logs = new CapturedLogs();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var host = await LocalFunctionsHost.StartAsync(new FunctionsHostOptions
        {
            ScriptRoot = ScriptRoot,
            Settings = settings,
            MessageLease = messageLease ?? TimeSpan.FromMinutes(1),
        }, loggers);
        return new TestWorkerHost(host, new QueueServiceClient((await Azurite.SharedAsync()).ConnectionString), prefix, output, logs);
    }

    public QueueClient Queue(string name) => Queues.GetQueueClient(Prefix + name);

    /// <summary>Sends text the way the app's producers do: base64 (host.json messageEncoding).</summary>
    public async Task<string> SendAsync(string queue, string text) =>
        (await Queue(queue).SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)))).Value.MessageId;

    public IReadOnlyList<Invocation> Invocations(string kind) =>
        [.. Directory.EnumerateFiles(_output, kind + "-*.json").Select(ReadRecord).OfType<Invocation>().OrderBy(i => i.DequeueCount)];

    /// <summary>Polls until <paramref name="done"/> holds for the records of <paramref name="kind"/>.</summary>
    public async Task<IReadOnlyList<Invocation>> WaitForAsync(string kind, Func<IReadOnlyList<Invocation>, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var records = Invocations(kind);
            if (done(records))
            {
                return records;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited for {kind} records; have {records.Count}: {string.Join(", ", records.Select(r => $"{r.Message}#{r.DequeueCount}"))}");
            }

            await Task.Delay(100);
        }
    }

    private static Invocation? ReadRecord(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Invocation>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // still being written
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_output, recursive: true);
    }
}

/// <summary>Every log line, kept for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

/// <summary>One host for the tests that can share it (each uses its own messages and routes).</summary>
public sealed class SharedHostFixture : IAsyncLifetime
{
    public TestWorkerHost Worker { get; private set; } = null!;

    public async Task InitializeAsync() => Worker = await TestWorkerHost.StartAsync();

    public async Task DisposeAsync() => await Worker.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHostFixture>
{
    public const string Name = "Shared test-worker host";
}
