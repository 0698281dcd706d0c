using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.Logging;
using RpcException = Grpc.Core.RpcException;

namespace ComplaintFlow.Hosting;

/// <summary>The worker went away (exited, was killed, or closed its stream) before it answered.</summary>
public sealed class WorkerExitedException(string message) : Exception(message);

/// <summary>
/// The host's end of one worker's <c>FunctionRpc.EventStream</c>: requests go out through one writer (gRPC allows a
/// single writer per stream) and responses are matched to their request by what they answer (init, metadata, the
/// function id of a load, the invocation id of an invocation), as the worker copies the request id unchanged.
/// </summary>
internal sealed partial class WorkerChannel(string workerId, string requestId, ILogger logger)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Exception? _closed;

    public string WorkerId => workerId;

    /// <summary>Completes when the worker has opened its stream (StartStream with this worker id).</summary>
    public Task Connected => _connected.Task;

    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        if (!_connected.TrySetResult())
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Worker {workerId} already has a stream."));
        }

        LogConnected(logger, workerId);
        var writing = WriteAsync(responses, cancellationToken);
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                Dispatch(requests.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException)
        {
            // The worker process ended or the host is stopping: every waiting request fails below.
        }
        finally
        {
            Close(new WorkerExitedException($"Worker {workerId} closed its gRPC stream."));
            try
            {
                await writing;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or RpcException)
            {
                // Nothing more can be written to a closed stream.
            }
        }
    }

    /// <summary>Sends a request and waits for the response that answers <paramref name="key"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(string key, StreamingMessage request, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_closed is not null)
            {
                throw new WorkerExitedException(_closed.Message);
            }

            if (!_pending.TryAdd(key, response))
            {
                throw new InvalidOperationException($"A request for {key} is already waiting.");
            }
        }

        try
        {
            request.RequestId = requestId;
            if (!_outbound.Writer.TryWrite(request))
            {
                throw new WorkerExitedException($"Worker {workerId} is gone.");
            }

            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Sends a message that has no response (InvocationCancel, WorkerTerminate).</summary>
    public void Post(StreamingMessage message)
    {
        message.RequestId = requestId;
        _outbound.Writer.TryWrite(message);
    }

    /// <summary>Fails every waiting request: the worker will not answer them.</summary>
    public void Close(Exception reason)
    {
        lock (_gate)
        {
            _closed ??= reason;
        }

        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(new WorkerExitedException(reason.Message));
        }

        _outbound.Writer.TryComplete();
        _connected.TrySetException(reason);
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            await responses.WriteAsync(message, cancellationToken);
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        var key = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load:" + message.FunctionLoadResponse.FunctionId,
            StreamingMessage.ContentOneofCase.InvocationResponse => "invoke:" + message.InvocationResponse.InvocationId,
            StreamingMessage.ContentOneofCase.WorkerStatusResponse => "status",
            _ => null,
        };
        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            Forward(message.RpcLog);
        }
        else if (key is null || !_pending.TryGetValue(key, out var waiting) || !waiting.TrySetResult(message))
        {
            LogUnexpected(logger, workerId, message.ContentCase.ToString());
        }
    }

    /// <summary>The worker's own logs, at their level under their category; exceptions by type only (messages may hold personal data).</summary>
    private void Forward(RpcLog log)
    {
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (log.LogCategory == RpcLog.Types.RpcLogCategory.CustomMetric || !logger.IsEnabled(level))
        {
            return;
        }

        LogFromWorker(logger, level, workerId, log.Category, log.Message, log.Exception?.Source ?? string.Empty);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {WorkerId} opened its gRPC stream")]
    private static partial void LogConnected(ILogger logger, string workerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {WorkerId} sent an unexpected {Content}")]
    private static partial void LogUnexpected(ILogger logger, string workerId, string content);

    [LoggerMessage(Message = "[worker {WorkerId}] {Category}: {Message} {ExceptionSource}")]
    private static partial void LogFromWorker(ILogger logger, LogLevel level, string workerId, string category, string message, string exceptionSource);
}

/// <summary>The workers the host has started and is waiting to hear from, by worker id.</summary>
internal sealed class WorkerChannels
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _channels = new(StringComparer.Ordinal);

    public void Add(WorkerChannel channel) => _channels[channel.WorkerId] = channel;

    public void Remove(WorkerChannel channel) => _channels.TryRemove(channel.WorkerId, out _);

    public WorkerChannel? Find(string workerId) => _channels.GetValueOrDefault(workerId);
}

/// <summary>The gRPC service the worker connects to: its first message names it (StartStream), the rest is its channel.</summary>
internal sealed class FunctionRpcService(WorkerChannels channels) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        var start = requestStream.Current;
        var channel = start.ContentCase == StreamingMessage.ContentOneofCase.StartStream ? channels.Find(start.StartStream.WorkerId) : null;
        if (channel is null)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Unknown worker: the first message must be StartStream with the worker id the host gave."));
        }

        await channel.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
