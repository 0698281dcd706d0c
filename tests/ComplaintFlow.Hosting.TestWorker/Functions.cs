using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Hosting.TestWorker;

public sealed class TestWorkerOptions
{
    /// <summary>Where the functions write what they saw; the tests read it.</summary>
    public string OutputDirectory { get; set; } = Path.GetTempPath();

    public string Mode { get; set; } = "normal";
}

/// <summary>Functions made for the host tests. Each writes a record of its invocation to the output directory.</summary>
public sealed class Functions(IOptions<TestWorkerOptions> options)
{
    private readonly string _output = options.Value.OutputDirectory;

    [Function("Record")]
    public Task Record([QueueTrigger("%TestWorker:Prefix%record", Connection = "TestStorage")] string message, FunctionContext context) =>
        WriteAsync("record", message, context);

    [Function("FailAlways")]
    public async Task FailAlways([QueueTrigger("%TestWorker:Prefix%fail", Connection = "TestStorage")] string message, FunctionContext context)
    {
        await WriteAsync("fail", message, context);
        throw new InvalidOperationException("This function always fails.");
    }

    [Function("FailOnce")]
    public async Task FailOnce([QueueTrigger("%TestWorker:Prefix%flaky", Connection = "TestStorage")] string message, FunctionContext context, long dequeueCount)
    {
        await WriteAsync("flaky", message, context);
        if (dequeueCount == 1)
        {
            throw new InvalidOperationException("This function fails on the first attempt.");
        }
    }

    /// <summary>The message is a number of seconds to run for; it records when it starts and when it ends.</summary>
    [Function("Slow")]
    public async Task Slow([QueueTrigger("%TestWorker:Prefix%slow", Connection = "TestStorage")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        await WriteAsync("slow-start", message, context);
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(message, System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        await WriteAsync("slow-end", message, context);
    }

    /// <summary>Ends its own process on the first delivery of "crash", as an out-of-memory or a native fault would.</summary>
    [Function("Crash")]
    public async Task Crash([QueueTrigger("%TestWorker:Prefix%crash", Connection = "TestStorage")] string message, FunctionContext context, long dequeueCount)
    {
        await WriteAsync("crash", message, context);
        if (message == "crash" && dequeueCount == 1)
        {
            Environment.Exit(70);
        }
    }

    [Function("Tick")]
    public Task Tick([TimerTrigger("%TestWorker:Schedule%")] TimerInfo timer, FunctionContext context) =>
        WriteAsync("tick", JsonSerializer.Serialize(new { timer.IsPastDue, Next = timer.ScheduleStatus?.Next }), context);

    [Function("Echo")]
    public async Task<IActionResult> Echo([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "echo/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        request.HttpContext.Response.Headers["x-echo-function"] = "Echo";
        return new OkObjectResult(new
        {
            Function = "Echo",
            Id = id,
            request.Method,
            Path = request.Path.Value,
            Query = request.Query["q"].ToString(),
            Header = request.Headers["x-test"].ToString(),
            // The worker's ASP.NET Core integration applies X-Forwarded-* (last entry) to the connection and request.
            RemoteIp = request.HttpContext.Connection.RemoteIpAddress?.ToString(),
            request.Scheme,
            Host = request.Host.Value,
            CorrelationId = request.Headers["x-ms-invocation-id"].ToString(),
            context.InvocationId,
            Length = bytes.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)),
            Body = bytes.Length <= 1024 ? System.Text.Encoding.UTF8.GetString(bytes) : null,
        });
    }

    [Function("EchoLiteral")]
    public IActionResult EchoLiteral([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "echo/special")] HttpRequest request) =>
        new OkObjectResult(new { Function = "EchoLiteral" });

    [Function("Files")]
    public IActionResult Files([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "files/{*path}")] HttpRequest request, string path) =>
        new OkObjectResult(new { Function = "Files", Path = path });

    [Function("CreateItem")]
    public IActionResult CreateItem([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "items")] HttpRequest request) =>
        new ObjectResult(new { Function = "CreateItem" }) { StatusCode = StatusCodes.Status201Created };

    [Function("Boom")]
    public IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) =>
        throw new InvalidOperationException("This HTTP function always fails.");

    private async Task WriteAsync(string kind, string message, FunctionContext context)
    {
        var metadata = context.BindingContext.BindingData;
        var record = JsonSerializer.Serialize(new
        {
            Kind = kind,
            Message = message,
            DequeueCount = metadata.TryGetValue("DequeueCount", out var count) ? count?.ToString() : null,
            Id = metadata.TryGetValue("Id", out var id) ? id?.ToString() : null,
            InsertionTime = metadata.TryGetValue("InsertionTime", out var inserted) ? inserted?.ToString() : null,
            Environment.ProcessId,
        });
        Directory.CreateDirectory(_output);
        await File.WriteAllTextAsync(Path.Combine(_output, $"{kind}-{Guid.NewGuid():N}.json"), record);
    }
}
