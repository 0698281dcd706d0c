using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting;

/// <summary>worker.config.json's <c>description</c>: how the host starts the worker.</summary>
public sealed record WorkerConfig(string ExecutablePath, string WorkerPath, IReadOnlyList<string> Arguments)
{
    public static WorkerConfig Read(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, "worker.config.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var description = document.RootElement.GetProperty("description");
        string? Text(string name) => description.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var arguments = description.TryGetProperty("arguments", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToList()
            : [];
        return new WorkerConfig(
            Text("defaultExecutablePath") ?? throw new InvalidDataException($"{path} has no description.defaultExecutablePath."),
            Text("defaultWorkerPath") ?? string.Empty,
            arguments);
    }

    /// <summary>"dotnet" is the muxer the host runs under (DOTNET_HOST_PATH) or the first on PATH, as the Functions host resolves it.</summary>
    public string ResolveExecutable(string scriptRoot)
    {
        var executable = ExecutablePath.Replace("{WorkerRoot}", scriptRoot, StringComparison.Ordinal);
        if (Path.IsPathRooted(executable))
        {
            return executable;
        }

        if (string.Equals(Path.GetFileNameWithoutExtension(executable), "dotnet", StringComparison.OrdinalIgnoreCase)
            && Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } muxer && File.Exists(muxer))
        {
            return muxer;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in new[] { executable, executable + ".exe" })
            {
                var full = Path.Combine(folder, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        var local = Path.Combine(scriptRoot, executable);
        return File.Exists(local) ? local : throw new FileNotFoundException($"Cannot find the worker executable '{executable}' on PATH or in {scriptRoot}.");
    }
}

/// <summary>
/// One worker process and its gRPC channel, from start through init, metadata and load to exit. A restart is a new
/// instance with a new worker id, as the Functions host does.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 30;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly WorkerChannels _channels;
    private readonly ILogger _logger;
    private readonly Queue<string> _lastOutput = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, WorkerChannel channel, WorkerChannels channels, ILogger logger)
    {
        _process = process;
        Channel = channel;
        _channels = channels;
        _logger = logger;
    }

    public WorkerChannel Channel { get; }

    public int ProcessId { get; private set; }

    public string WorkerId => Channel.WorkerId;

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _exited.Task;

    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's own HTTP listener (<c>HttpUri</c> capability), where HTTP triggers are forwarded.</summary>
    public Uri? HttpUri { get; private set; }

    public IReadOnlyList<FunctionDescription> Functions { get; private set; } = [];

    public WorkerMetadata? Metadata { get; private set; }

    /// <summary>Starts the worker as the Functions host does and completes once its functions are loaded.</summary>
    public static async Task<WorkerProcess> StartAsync(string scriptRoot, Uri grpcUri, AppSettings settings, WorkerChannels channels, ILogger logger, CancellationToken cancellationToken)
    {
        var config = WorkerConfig.Read(scriptRoot);
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(config.ResolveExecutable(scriptRoot))
        {
            WorkingDirectory = scriptRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in config.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (config.WorkerPath.Length > 0)
        {
            start.ArgumentList.Add(Path.Combine(scriptRoot, config.WorkerPath));
        }

        // Both sets, as the Functions host passes them: workers before 1.x read the first, today's the second.
        var maxMessage = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        foreach (var argument in new[]
        {
            "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(CultureInfo.InvariantCulture), "--workerId", workerId,
            "--requestId", requestId, "--grpcMaxMessageLength", maxMessage,
            "--functions-uri", grpcUri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", maxMessage,
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings.Configured)
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
            {
                start.Environment.Remove(variable);
            }
            else
            {
                start.Environment[variable] = value;
            }
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = scriptRoot;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = scriptRoot;
        start.Environment["AzureWebJobsScriptRoot"] = scriptRoot;

        var channel = new WorkerChannel(workerId, requestId, logger);
        channels.Add(channel);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, channel, channels, logger);
        process.OutputDataReceived += (_, e) => worker.OnOutput(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => worker.OnOutput(e.Data, error: true);
        process.Exited += (_, _) => worker.OnExited();
        try
        {
            process.Start();
            worker.ProcessId = process.Id;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            LogStarted(logger, workerId, process.Id, start.FileName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await worker.InitialiseAsync(scriptRoot, timeout.Token);
            return worker;
        }
        catch (Exception e)
        {
            var failure = worker.FailureMessage(e);
            await worker.DisposeAsync();
            throw new InvalidOperationException(failure, e);
        }
    }

    /// <summary>WorkerInitRequest, FunctionsMetadataRequest, then one FunctionLoadRequest per function.</summary>
    private async Task InitialiseAsync(string scriptRoot, CancellationToken cancellationToken)
    {
        await Until(Channel.Connected, cancellationToken);

        var init = new WorkerInitRequest
        {
            HostVersion = HostVersion,
            WorkerDirectory = scriptRoot,
            FunctionAppDirectory = scriptRoot,
        };
        var initResponse = (await Until(Channel.RequestAsync("init", new StreamingMessage { WorkerInitRequest = init }, cancellationToken), cancellationToken)).WorkerInitResponse;
        EnsureSuccess(initResponse.Result, "WorkerInitRequest");
        Capabilities = new Dictionary<string, string>(initResponse.Capabilities);
        Metadata = initResponse.WorkerMetadata;
        HttpUri = Capabilities.TryGetValue("HttpUri", out var httpUri) && Uri.TryCreate(httpUri, UriKind.Absolute, out var uri) ? uri : null;
        LogInitialised(_logger, WorkerId, initResponse.WorkerVersion, Capabilities.Count, httpUri ?? "none");

        var metadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = scriptRoot };
        var metadata = (await Until(Channel.RequestAsync("metadata", new StreamingMessage { FunctionsMetadataRequest = metadataRequest }, cancellationToken), cancellationToken)).FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "FunctionsMetadataRequest");
        var indexed = metadata.UseDefaultMetadataIndexing ? FunctionDescription.ReadMetadataFile(scriptRoot) : metadata.FunctionMetadataResults;
        var functions = indexed.Select(FunctionDescription.From).ToList();
        LogIndexed(_logger, WorkerId, functions.Count, metadata.UseDefaultMetadataIndexing ? "functions.metadata" : "the worker");

        // One request per function: the 2.x worker answers FunctionLoadRequest, not FunctionLoadRequestCollection.
        var loads = functions.Select(async function =>
        {
            var load = new FunctionLoadRequest { FunctionId = function.Id, Metadata = function.Metadata };
            var response = (await Until(Channel.RequestAsync("load:" + function.Id, new StreamingMessage { FunctionLoadRequest = load }, cancellationToken), cancellationToken)).FunctionLoadResponse;
            EnsureSuccess(response.Result, $"FunctionLoadRequest for {function.Name}");
        });
        await Task.WhenAll(loads);
        Functions = functions;
        LogLoaded(_logger, WorkerId, functions.Count);
        if (HttpUri is not null)
        {
            await Until(WaitForListenerAsync(HttpUri, cancellationToken), cancellationToken);
        }
    }

    /// <summary>The worker announces HttpUri before its ASP.NET Core server listens; HTTP is forwarded only once it does.</summary>
    private static async Task WaitForListenerAsync(Uri uri, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(uri.Host, uri.Port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    /// <summary>Sends one invocation; cancelling it (function timeout) sends InvocationCancel to the worker.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Channel.RequestAsync("invoke:" + request.InvocationId, new StreamingMessage { InvocationRequest = request }, cancellationToken);
            return response.InvocationResponse;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Channel.Post(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } });
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash would end it.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>WorkerTerminate with a grace period, then kill what is left.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_exited.Task.IsCompleted)
        {
            Channel.Post(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(grace) } });
            await Task.WhenAny(_exited.Task, Task.Delay(grace));
            Kill();
            await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2));
        _channels.Remove(Channel);
        Channel.Close(new WorkerExitedException($"Worker {WorkerId} stopped."));
        _process.Dispose();
    }

    /// <summary>Why the start failed, with the worker's last lines (an app that refuses its settings says why there).</summary>
    private string FailureMessage(Exception e)
    {
        // Give the output readers a moment to drain what the process wrote before it exited.
        _exited.Task.Wait(TimeSpan.FromSeconds(2));
        string[] lines;
        lock (_lastOutput)
        {
            lines = [.. _lastOutput];
        }

        var exit = _process.HasExited ? $"exited with code {_process.ExitCode}" : "did not finish starting";
        return $"The worker ({_process.StartInfo.FileName} {WorkerConfigPath()}) {exit}: {e.Message}{Environment.NewLine}Last output:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    private string WorkerConfigPath() => _process.StartInfo.ArgumentList.FirstOrDefault() ?? string.Empty;

    /// <summary>Waits for a step of the handshake, failing at once if the process exits meanwhile.</summary>
    private async Task<T> Until<T>(Task<T> step, CancellationToken cancellationToken)
    {
        await Until((Task)step, cancellationToken);
        return await step;
    }

    private async Task Until(Task step, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(step, _exited.Task.WaitAsync(cancellationToken));
        if (first != step)
        {
            await first; // surfaces cancellation (timeout) as such
            throw new WorkerExitedException("the process exited during start-up");
        }

        await step;
    }

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{step} failed: {result?.Exception?.Message ?? result?.Result ?? "no result"}");
        }
    }

    private void OnOutput(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            while (_lastOutput.Count > OutputLinesKept)
            {
                _lastOutput.Dequeue();
            }
        }

        if (error)
        {
            LogStandardError(_logger, ProcessId, line);
        }
        else
        {
            LogStandardOutput(_logger, ProcessId, line);
        }
    }

    private void OnExited()
    {
        _process.WaitForExit(); // lets the output readers finish
        Channel.Close(new WorkerExitedException($"Worker {WorkerId} (process {ProcessId}) exited with code {_process.ExitCode}."));
        _exited.TrySetResult();
    }

    /// <summary>What the host says it is in WorkerInitRequest; the worker only records it.</summary>
    private const string HostVersion = "4.0.0-complaintflow-local";

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} started: process {ProcessId} ({Executable})")]
    private static partial void LogStarted(ILogger logger, string workerId, int processId, string executable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} initialised: version {WorkerVersion}, {CapabilityCount} capabilities, HttpUri {HttpUri}")]
    private static partial void LogInitialised(ILogger logger, string workerId, string workerVersion, int capabilityCount, string httpUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} indexed {FunctionCount} functions (metadata from {Source})")]
    private static partial void LogIndexed(ILogger logger, string workerId, int functionCount, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} loaded {FunctionCount} functions")]
    private static partial void LogLoaded(ILogger logger, string workerId, int functionCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "[worker {ProcessId}] {Line}")]
    private static partial void LogStandardOutput(ILogger logger, int processId, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[worker {ProcessId}] {Line}")]
    private static partial void LogStandardError(ILogger logger, int processId, string line);
}
