using System.Globalization;
using System.Net;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Hosting;

/// <summary>
/// The local Functions host: starts the app's isolated worker as a child process, serves it the FunctionRpc gRPC
/// stream, indexes and loads its functions through it, and drives their triggers (queue, timer, HTTP) by sending
/// InvocationRequests. A worker that exits is restarted with a new worker id. Microsoft's host does the same in
/// Azure; this one exists because Core Tools cannot be installed here (see docs/hosting.md).
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    /// <summary>Requests and queue messages can be large; the Functions host allows 100 MB request bodies.</summary>
    private const long MaxRequestBodySize = 100L * 1024 * 1024;
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly string _scriptRoot;
    private readonly AppSettings _settings;
    private readonly HostJson _hostJson;
    private readonly TimeSpan _messageLease;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly WorkerChannels _channels = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _triggers = [];
    private TaskCompletionSource<WorkerProcess> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WorkerProcess? _worker;
    private WebApplication? _grpc;
    private WebApplication? _http;
    private HttpTriggerProxy? _proxy;
    private Uri? _grpcUri;
    private Task _supervisor = Task.CompletedTask;
    private int _workerStarts;
    private int _stopped;

    private LocalFunctionsHost(string scriptRoot, AppSettings settings, HostJson hostJson, TimeSpan messageLease, ILoggerFactory loggers)
    {
        _scriptRoot = scriptRoot;
        _settings = settings;
        _hostJson = hostJson;
        _messageLease = messageLease;
        _loggers = loggers;
        _logger = loggers.CreateLogger("ComplaintFlow.Hosting");
    }

    /// <summary>The host's HTTP address, with the real port.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The current worker's process id.</summary>
    public int WorkerProcessId => Volatile.Read(ref _worker)?.ProcessId ?? 0;

    /// <summary>1 + the number of restarts.</summary>
    public int WorkerStarts => Volatile.Read(ref _workerStarts);

    /// <summary>The function names the worker indexed.</summary>
    public IReadOnlyList<string> Functions { get; private set; } = [];

    /// <summary>
    /// Starts the worker and the triggers; returns once the worker has loaded its functions, its HTTP listener is
    /// known and the host is listening. A worker that exits first (an app refusing its settings) makes this throw
    /// with the worker's last output lines.
    /// </summary>
    public static async Task<LocalFunctionsHost> StartAsync(FunctionsHostOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scriptRoot = Path.GetFullPath(options.ScriptRoot);
        var settings = new AppSettings(options.Settings);
        var lease = settings["Hosting:MessageLease"] is { Length: > 0 } configured
            ? TimeSpan.Parse(configured, CultureInfo.InvariantCulture)
            : options.MessageLease;
        if (lease < TimeSpan.FromSeconds(2))
        {
            throw new InvalidDataException("Hosting:MessageLease must be at least 00:00:02 (it is renewed at half its length).");
        }

        var host = new LocalFunctionsHost(scriptRoot, settings, HostJson.Read(scriptRoot), lease, loggers ?? NullLoggerFactory.Instance);
        try
        {
            await host.StartGrpcAsync(cancellationToken);
            var worker = await host.StartWorkerAsync(cancellationToken);
            host.Functions = [.. worker.Functions.Select(f => f.Name)];
            // As Microsoft's host: the app setting AzureWebJobs.<name>.Disabled=true keeps a function's trigger off
            // (its queue fills, its route answers 404) without changing the app.
            var enabled = worker.Functions.Where(f => !settings.IsDisabled(f.Name)).ToList();
            await host.StartTriggersAsync(enabled, cancellationToken);
            await host.StartHttpAsync(enabled, options.Urls, cancellationToken);
            host._supervisor = host.SuperviseAsync(worker);
            LogReady(host._logger, host.Address.ToString(), host.Functions.Count);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILLs the worker, as a crash would; the host restarts it.</summary>
    public void KillWorker() => Volatile.Read(ref _worker)?.Kill();

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _ready.TrySetCanceled(_stopping.Token);
        try
        {
            await Task.WhenAll(_triggers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Listeners stop by cancellation; unsettled messages reappear when their lease runs out.
        }

        if (_http is not null)
        {
            await _http.StopAsync(cancellationToken);
            await _http.DisposeAsync();
        }

        if (Volatile.Read(ref _worker) is { } worker)
        {
            await worker.DisposeAsync();
        }

        await _supervisor;
        if (_grpc is not null)
        {
            await _grpc.StopAsync(cancellationToken);
            await _grpc.DisposeAsync();
        }

        _proxy?.Dispose();
        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>The gRPC server the worker connects to: HTTP/2 without TLS on a free loopback port.</summary>
    private async Task StartGrpcAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddGrpc(grpc =>
        {
            // The host passes --functions-grpc-max-message-length 2147483647; the server must accept as much.
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(_channels);
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken);
        _grpc = app;
        _grpcUri = new Uri(ListeningAddress(app));
    }

    private async Task<WorkerProcess> StartWorkerAsync(CancellationToken cancellationToken)
    {
        var worker = await WorkerProcess.StartAsync(_scriptRoot, _grpcUri!, _settings, _channels, _loggers.CreateLogger("ComplaintFlow.Hosting.Worker"), cancellationToken);
        Volatile.Write(ref _worker, worker);
        Interlocked.Increment(ref _workerStarts);
        _ready.TrySetResult(worker);
        return worker;
    }

    /// <summary>Restarts the worker whenever it exits, backing off while it keeps failing to start.</summary>
    private async Task SuperviseAsync(WorkerProcess worker)
    {
        while (!_stopping.IsCancellationRequested)
        {
            await Task.WhenAny(worker.Exited, Task.Delay(Timeout.Infinite, _stopping.Token));
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            // New invocations wait for the next worker; in-flight ones already failed with WorkerExitedException.
            Volatile.Write(ref _ready, new TaskCompletionSource<WorkerProcess>(TaskCreationOptions.RunContinuationsAsynchronously));
            LogWorkerExited(_logger, worker.WorkerId, worker.ProcessId);
            await worker.DisposeAsync();
            var failures = 0;
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    if (failures > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(MaxRestartDelay.TotalSeconds, Math.Pow(2, failures - 1))), _stopping.Token);
                    }

                    worker = await StartWorkerAsync(_stopping.Token);
                    LogWorkerRestarted(_logger, worker.WorkerId, worker.ProcessId, WorkerStarts);
                    break;
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failures++;
                    LogRestartFailed(_logger, e, failures);
                }
            }
        }
    }

    /// <summary>The current worker, waiting while a crashed one restarts.</summary>
    private Task<WorkerProcess> CurrentWorkerAsync(CancellationToken cancellationToken) => Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);

    private async Task<InvocationResponse> InvokeAsync(string functionName, InvocationRequest request, CancellationToken cancellationToken)
    {
        var worker = await CurrentWorkerAsync(cancellationToken);
        var function = worker.Functions.FirstOrDefault(f => f.Name == functionName)
            ?? throw new InvalidOperationException($"The worker has no function {functionName}.");
        request.FunctionId = function.Id;
        return await worker.InvokeAsync(request, cancellationToken);
    }

    private async Task StartTriggersAsync(IReadOnlyList<FunctionDescription> functions, CancellationToken cancellationToken)
    {
        var services = new Dictionary<string, QueueServiceClient>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (function.Trigger is not { } trigger)
            {
                continue;
            }

            var logger = _loggers.CreateLogger($"Function.{function.Name}");
            if (trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var name = _settings.Resolve(trigger.QueueName ?? throw new InvalidDataException($"Function {function.Name}: queueTrigger has no queueName."), function.Name);
                var connection = _settings.StorageConnection(trigger.Connection, function.Name);
                if (!services.TryGetValue(connection, out var service))
                {
                    // No message encoding on the client: the listener reads the raw text and decodes base64 itself, as the trigger does.
                    services[connection] = service = new QueueServiceClient(connection);
                }

                var queue = service.GetQueueClient(name);
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                var listener = new QueueListener(function.Name, trigger, queue, service.GetQueueClient(name + "-poison"), _hostJson.Queues,
                    _hostJson.FunctionTimeout, _messageLease, InvokeAsync, CurrentWorkerAsync, TimeProvider.System, logger);
                _triggers.Add(listener.RunAsync(_stopping.Token));
                LogListening(_logger, function.Name, name);
            }
            else if (trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var expression = _settings.Resolve(trigger.Schedule ?? throw new InvalidDataException($"Function {function.Name}: timerTrigger has no schedule."), function.Name);
                var timer = new TimerListener(function.Name, trigger, TimerListener.Parse(expression), InvokeAsync, TimeProvider.System, logger);
                _triggers.Add(timer.RunAsync(_stopping.Token));
                LogScheduled(_logger, function.Name, expression);
            }
            else if (!trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                LogUnsupportedTrigger(_logger, function.Name, trigger.Type);
            }
        }
    }

    /// <summary>The host's HTTP listener: routes to HTTP functions, forwarding to the worker's own listener.</summary>
    private async Task StartHttpAsync(IReadOnlyList<FunctionDescription> functions, string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls).ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize);
        builder.Services.AddRouting();
        var app = builder.Build();
        var constraints = new DefaultInlineConstraintResolver(app.Services.GetRequiredService<IOptions<RouteOptions>>(), app.Services);
        var routes = HttpRoutes.Build(functions, _hostJson.RoutePrefix, constraints);
        if (routes.Count > 0 && Volatile.Read(ref _worker)?.HttpUri is null)
        {
            throw new InvalidOperationException("The worker has HTTP functions but announced no HttpUri: this host forwards HTTP to the worker's ASP.NET Core listener (ConfigureFunctionsWebApplication).");
        }

        _proxy = new HttpTriggerProxy(routes, CurrentWorkerAsync, _hostJson.FunctionTimeout, _loggers.CreateLogger("ComplaintFlow.Hosting.Http"));
        app.Run(_proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        _http = app;
        Address = new Uri(ListeningAddress(app));
    }

    private static string ListeningAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");

        // A wildcard binding is reachable on loopback; clients need a concrete host.
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Functions host listening on {Address} with {FunctionCount} functions")]
    private static partial void LogReady(ILogger logger, string address, int functionCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Functions host stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} (process {ProcessId}) exited; restarting it")]
    private static partial void LogWorkerExited(ILogger logger, string workerId, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker restarted as {WorkerId} (process {ProcessId}); start {WorkerStarts}")]
    private static partial void LogWorkerRestarted(ILogger logger, string workerId, int processId, int workerStarts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker restart attempt {Attempt} failed")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: listening on queue {Queue}")]
    private static partial void LogListening(ILogger logger, string function, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: scheduled '{Schedule}' (UTC)")]
    private static partial void LogScheduled(ILogger logger, string function, string schedule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: trigger type {TriggerType} is not run by the local host")]
    private static partial void LogUnsupportedTrigger(ILogger logger, string function, string triggerType);
}
