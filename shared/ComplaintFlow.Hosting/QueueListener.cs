using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting;

/// <summary>
/// One queue trigger, with the Azure Functions queue trigger's semantics: fetch up to <c>batchSize</c> messages,
/// fetch again when in-flight work drops to <c>newBatchThreshold</c> (so at most batchSize + newBatchThreshold run
/// at once), back off exponentially with jitter up to <c>maxPollingInterval</c> while the queue is empty, keep a
/// message invisible while it runs (a lease renewed at half its length, so after a crash it returns within one
/// lease), make a failed message visible again after <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c>
/// failed attempts move it, content unchanged, to <c>&lt;queue&gt;-poison</c>. A failure is a failed
/// InvocationResponse, the function timeout, or the worker dying mid-invocation. While no worker is ready (it is
/// starting or restarting after a crash) nothing is fetched: a message taken then would only wait, its dequeue count
/// already raised, for a worker that may die again before it runs.
/// </summary>
internal sealed partial class QueueListener(
    string functionName,
    TriggerBinding binding,
    QueueClient queue,
    QueueClient poison,
    QueueSettings settings,
    TimeSpan functionTimeout,
    TimeSpan messageLease,
    FunctionInvoker invoke,
    Func<CancellationToken, Task> workerReady,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly SemaphoreSlim _completed = new(0);
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most invocations that ran at the same time (observable by tests).</summary>
    public int MaxObservedConcurrency => Volatile.Read(ref _maxInFlight);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Only fetch once in-flight work has dropped to the threshold: this bounds concurrency.
            while (Volatile.Read(ref _inFlight) > settings.NewBatchThreshold)
            {
                await _completed.WaitAsync(stoppingToken).ConfigureAwait(false);
            }

            await workerReady(stoppingToken).ConfigureAwait(false);
            QueueMessage[] messages;
            try
            {
                // Invisible for one lease, renewed while the invocation runs, so no one else takes it meanwhile.
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, messageLease, stoppingToken)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e, functionName);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(Jittered(delay), time, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(settings.MaxPollingInterval.Ticks, MinimumPollingInterval.Ticks)));
                continue;
            }

            delay = MinimumPollingInterval;
            running.RemoveAll(t => t.IsCompleted);
            foreach (var message in messages)
            {
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _maxInFlight, now);
                running.Add(ProcessAsync(message, stoppingToken));
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var raw = message.Body.ToString();
            string? text = raw;
            if (settings.Base64)
            {
                var buffer = new byte[raw.Length];
                text = Convert.TryFromBase64String(raw, buffer, out var written) ? DecodeUtf8(buffer.AsSpan(0, written)) : null;
            }

            if (text is null)
            {
                // The real trigger cannot decode it either: it goes straight to poison.
                LogUndecodable(logger, functionName, message.MessageId);
                await MoveToPoisonAsync(message, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(functionTimeout);
            var receipt = new StrongBox<string>(message.PopReceipt);
            using var invocationDone = new CancellationTokenSource();
            var renewals = KeepInvisibleAsync(message.MessageId, receipt, invocationDone.Token);
            bool succeeded;
            try
            {
                var response = await invoke(functionName, Invocation(message, text), timeout.Token).ConfigureAwait(false);
                succeeded = response.Result?.Status == StatusResult.Types.Status.Success;
                if (!succeeded)
                {
                    // The exception's source names the failure; its message could hold personal data.
                    LogInvocationFailed(logger, response.Result?.Exception?.Source ?? "failure", functionName, message.MessageId, message.DequeueCount);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogInvocationFailed(logger, e.GetType().Name, functionName, message.MessageId, message.DequeueCount);
                succeeded = false;
            }
            finally
            {
                await invocationDone.CancelAsync().ConfigureAwait(false);
                await renewals.ConfigureAwait(false);
            }

            message = message.Update(QueuesModelFactory.UpdateReceipt(receipt.Value, message.NextVisibleOn ?? time.GetUtcNow()));

            if (stoppingToken.IsCancellationRequested && !succeeded)
            {
                return; // shutting down: the message reappears when its visibility runs out
            }

            if (succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Losing the pop receipt (e.g. storage unreachable) only means the message comes back later.
            LogSettleFailed(logger, e, functionName, message.MessageId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _completed.Release();
        }
    }

    /// <summary>Renews the message's lease at half its length until the invocation ends; the receipt follows each renewal.</summary>
    private async Task KeepInvisibleAsync(string messageId, StrongBox<string> receipt, CancellationToken invocationDone)
    {
        try
        {
            while (true)
            {
                await Task.Delay(messageLease / 2, time, invocationDone).ConfigureAwait(false);

                // Not cancelled mid-call: a renewal the service applied must leave its receipt here for the delete.
                var renewed = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: messageLease, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                receipt.Value = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (invocationDone.IsCancellationRequested)
        {
            // The invocation ended.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease is lost (storage unreachable or the message taken over): it may run twice, which handlers allow.
            LogRenewFailed(logger, e, functionName, messageId);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, functionName, message.MessageId, message.DequeueCount, poison.Name);
    }

    /// <summary>
    /// The InvocationRequest the Functions host sends for a queue message: the text as the trigger's data (JSON when
    /// it parses as a JSON object or array, as the host hands such messages on) and the message's properties as
    /// trigger metadata, scalars as JSON and strings as strings.
    /// </summary>
    private InvocationRequest Invocation(QueueMessage message, string text)
    {
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding { Name = binding.Name, Data = LooksLikeJson(text) ? new TypedData { Json = text } : new TypedData { String = text } });
        request.TriggerMetadata.Add("QueueTrigger", new TypedData { String = text });
        request.TriggerMetadata.Add("DequeueCount", new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) });
        request.TriggerMetadata.Add("Id", new TypedData { String = message.MessageId });
        request.TriggerMetadata.Add("PopReceipt", new TypedData { String = message.PopReceipt });
        foreach (var (name, value) in new[] { ("InsertionTime", message.InsertedOn), ("ExpirationTime", message.ExpiresOn), ("NextVisibleTime", message.NextVisibleOn) })
        {
            if (value is { } moment)
            {
                request.TriggerMetadata.Add(name, new TypedData { Json = JsonSerializer.Serialize(moment) });
            }
        }

        return request;
    }

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || !((trimmed[0] == '{' && trimmed[^1] == '}') || (trimmed[0] == '[' && trimmed[^1] == ']')))
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static TimeSpan Jittered(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: polling the queue failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: invocation failed with {Error} for message {MessageId} (dequeue count {DequeueCount})")]
    private static partial void LogInvocationFailed(ILogger logger, string error, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} is not valid base64 UTF-8")]
    private static partial void LogUndecodable(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: could not renew the lease of message {MessageId}")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: could not settle message {MessageId}")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string function, string messageId);
}
