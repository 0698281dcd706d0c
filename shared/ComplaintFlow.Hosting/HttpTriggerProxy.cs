using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting;

/// <summary>
/// Runs an HTTP function as the Functions host does for a worker with the <c>HttpUri</c> capability (ASP.NET Core
/// integration): it sends the InvocationRequest over gRPC and, at the same time, forwards the request itself to the
/// worker's listener with <c>x-ms-invocation-id</c>, which the worker uses to pair the two; the worker's response is
/// streamed back to the client.
/// </summary>
internal sealed partial class HttpTriggerProxy(
    HttpRoutes routes,
    Func<CancellationToken, Task<WorkerProcess>> currentWorker,
    TimeSpan functionTimeout,
    ILogger logger) : IDisposable
{
    /// <summary>A response that completes within this many bytes waits for the invocation's outcome before it is sent on.</summary>
    private const int BufferedBody = 64 * 1024;
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    public async Task HandleAsync(HttpContext context)
    {
        var match = routes.Match(context);
        if (match is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        WorkerProcess worker;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            wait.CancelAfter(WorkerWait);
            try
            {
                worker = await currentWorker(wait.Token);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }

        var function = worker.Functions.FirstOrDefault(f => f.Name == match.FunctionName);
        if (function is null || worker.HttpUri is null)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(functionTimeout);
        var invocation = worker.InvokeAsync(Invocation(context, match, function.Id, invocationId), timeout.Token);
        using var forward = Forward(context, worker.HttpUri, invocationId);
        var sending = _client.SendAsync(forward, timeout.Token);

        HttpResponseMessage response;
        try
        {
            if (await Task.WhenAny(sending, invocation) == invocation && !Succeeded(invocation))
            {
                // The function failed before the worker answered the request (e.g. a binding error): the worker
                // would only give up on pairing the request after its own timeout.
                await timeout.CancelAsync();
                await FailAsync(context, invocation, function.Name, invocationId);
                ObserveQuietly(sending);
                return;
            }

            response = await sending;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            LogForwardFailed(logger, function.Name, invocationId, e.GetType().Name);
            await FailAsync(context, invocation, function.Name, invocationId);
            return;
        }

        using (response)
        {
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[BufferedBody];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), timeout.Token)) > 0)
            {
                filled += read;
            }

            var complete = filled < buffer.Length;
            if (complete && !await SucceededAsync(invocation))
            {
                await FailAsync(context, invocation, function.Name, invocationId);
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(header.Key))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            await context.Response.Body.WriteAsync(buffer.AsMemory(0, filled), context.RequestAborted);
            if (!complete)
            {
                await body.CopyToAsync(context.Response.Body, context.RequestAborted);
                if (!await SucceededAsync(invocation))
                {
                    LogFailedAfterResponse(logger, function.Name, invocationId);
                }
            }
        }
    }

    /// <summary>
    /// What the Functions host sends for a proxied HTTP trigger: an RpcHttp with the request line, headers, query and
    /// route values but no body (the body travels over HTTP), and the route values, Query and Headers as trigger metadata.
    /// </summary>
    private static InvocationRequest Invocation(HttpContext context, HttpRouteMatch match, string functionId, string invocationId)
    {
        var http = new RpcHttp { Method = context.Request.Method, Url = context.Request.GetDisplayUrl() };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Request.Headers)
        {
            headers[name.ToLowerInvariant()] = value.ToString();
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        http.Headers.Add(headers);
        http.Query.Add(query);
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = functionId, TraceContext = new RpcTraceContext() };
        foreach (var (name, value) in match.Values)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            http.Params[name] = text;
            request.TriggerMetadata[name] = new TypedData { String = text };
        }

        request.InputData.Add(new ParameterBinding { Name = match.Trigger.Name, Data = new TypedData { Http = http } });
        request.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(query) };
        request.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(headers) };
        return request;
    }

    /// <summary>The client's request, addressed to the worker's listener, with the correlation and forwarding headers.</summary>
    private static HttpRequestMessage Forward(HttpContext context, Uri workerUri, string invocationId)
    {
        var request = context.Request;
        var target = new Uri(workerUri, request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        var forward = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
            if (request.ContentLength is { } length)
            {
                forward.Content.Headers.ContentLength = length;
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        forward.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);

        // In Azure the platform's front end appends the client's address to X-Forwarded-For, the host takes that last
        // entry as the client, and its forwarder (YARP's default transforms) sets X-Forwarded-For to the client alone.
        // So does this host: entries a client wrote before the front end's are dropped here, and locally, with no
        // front end, the client is the connection's own address.
        var client = request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? context.Connection.RemoteIpAddress?.ToString();
        forward.Headers.Remove("X-Forwarded-For");
        if (client is not null)
        {
            forward.Headers.TryAddWithoutValidation("X-Forwarded-For", client);
        }

        forward.Headers.Remove("X-Forwarded-Proto");
        forward.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        forward.Headers.Remove("X-Forwarded-Host");
        forward.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        return forward;
    }

    private async Task FailAsync(HttpContext context, Task<InvocationResponse> invocation, string function, string invocationId)
    {
        var workerGone = false;
        try
        {
            // A worker that never saw the request answers within its own pairing timeout; do not wait for more.
            var response = await invocation.WaitAsync(TimeSpan.FromSeconds(5));
            LogInvocationFailed(logger, function, invocationId, response.Result?.Exception?.Source ?? "failure");
        }
        catch (Exception e) when (e is WorkerExitedException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            workerGone = e is WorkerExitedException;
            LogInvocationFailed(logger, function, invocationId, e.GetType().Name);
        }

        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = workerGone ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        }
    }

    private static bool Succeeded(Task<InvocationResponse> invocation) =>
        invocation.IsCompletedSuccessfully && invocation.Result.Result?.Status == StatusResult.Types.Status.Success;

    private static async Task<bool> SucceededAsync(Task<InvocationResponse> invocation)
    {
        try
        {
            return (await invocation).Result?.Status == StatusResult.Types.Status.Success;
        }
        catch (Exception e) when (e is WorkerExitedException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void ObserveQuietly(Task task) =>
        task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    public void Dispose() => _client.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: invocation {InvocationId} failed with {Error}")]
    private static partial void LogInvocationFailed(ILogger logger, string function, string invocationId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: forwarding invocation {InvocationId} to the worker failed with {Error}")]
    private static partial void LogForwardFailed(ILogger logger, string function, string invocationId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: invocation {InvocationId} failed after its response had started")]
    private static partial void LogFailedAfterResponse(ILogger logger, string function, string invocationId);
}
