using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting;

public sealed class LocalTriggerHostOptions
{
    /// <summary>Folder holding host.json and one folder per function with its function.json.</summary>
    public string ScriptRoot { get; set; } = AppContext.BaseDirectory;

    /// <summary>Maps a queue name from function.json to the queue actually used (tests add a name prefix).</summary>
    public Func<string, string> QueueName { get; set; } = name => name;

    /// <summary>
    /// Builds the queue client for a binding's <c>connection</c> setting. It must not decode messages itself: the
    /// listener reads the raw text and decodes base64 as the real trigger does. By default the setting is read as a
    /// connection string.
    /// </summary>
    public Func<string, QueueServiceClient>? QueueService { get; set; }

    /// <summary>
    /// How long a received message stays invisible; renewed at half that while its invocation runs, as the Functions
    /// queue trigger does. After a crash the message is delivered again once its lease runs out
    /// (<c>Hosting:MessageLease</c>).
    /// </summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clock for polling and timers; real time unless a test drives the timers.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>
/// The local stand-in for the Functions host's triggers: reads the same host.json and function.json files and runs a
/// <see cref="QueueListener"/> per queue trigger and a <see cref="TimerListener"/> per timer trigger, invoking the
/// functions in-process. On only when <c>Hosting:LocalTriggers</c> is true; in Azure the real host drives triggers.
/// </summary>
public sealed partial class LocalTriggerHost(
    LocalTriggerHostOptions options,
    FunctionRegistry functions,
    IConfiguration configuration,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<LocalTriggerHost>();

    public IReadOnlyList<QueueListener> QueueListeners { get; private set; } = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (queueSettings, functionTimeout) = ScriptRoot.ReadHost(options.ScriptRoot);
        var runs = new List<Task>();
        var queueListeners = new List<QueueListener>();
        foreach (var function in ScriptRoot.ReadFunctions(options.ScriptRoot))
        {
            var trigger = function.Trigger;
            if (trigger is null || !functions.Contains(function.Name))
            {
                continue;
            }

            if (trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var name = options.QueueName(Resolve(trigger.QueueName ?? throw new InvalidDataException($"{function.Name}/function.json: queueTrigger has no queueName.")));
                var service = QueueServiceFor(trigger.Connection ?? "AzureWebJobsStorage");
                var queue = service.GetQueueClient(name);
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                var listener = new QueueListener(function.Name, trigger, queue, service.GetQueueClient(name + "-poison"), queueSettings,
                    functionTimeout, options.MessageLease, functions, options.TimeProvider, loggers.CreateLogger($"Function.{function.Name}"));
                queueListeners.Add(listener);
                runs.Add(listener.RunAsync(stoppingToken));
                LogListening(_logger, function.Name, name);
            }
            else if (trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var expression = Resolve(trigger.Schedule ?? throw new InvalidDataException($"{function.Name}/function.json: timerTrigger has no schedule."));
                var timer = new TimerListener(function.Name, trigger, TimerListener.Parse(expression), functions, options.TimeProvider,
                    loggers.CreateLogger($"Function.{function.Name}"));
                runs.Add(timer.RunAsync(stoppingToken));
                LogScheduled(_logger, function.Name, expression);
            }
        }

        QueueListeners = queueListeners;
        try
        {
            await Task.WhenAll(runs);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>An app-setting reference <c>%Name%</c> is replaced by the setting's value, as the Functions host does.</summary>
    private string Resolve(string value)
    {
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var key = value[1..^1];
            return configuration[key] ?? configuration[key.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new InvalidDataException($"function.json refers to app setting '{key}', which is not set.");
        }

        return value;
    }

    private QueueServiceClient QueueServiceFor(string connection)
    {
        if (options.QueueService is { } factory)
        {
            return factory(connection);
        }

        var connectionString = configuration[connection] ?? configuration.GetConnectionString(connection)
            ?? throw new InvalidDataException($"The queue trigger's connection setting '{connection}' is not set.");
        return new QueueServiceClient(connectionString);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: listening on queue {Queue}")]
    private static partial void LogListening(ILogger logger, string function, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: scheduled '{Schedule}' (UTC)")]
    private static partial void LogScheduled(ILogger logger, string function, string schedule);
}
