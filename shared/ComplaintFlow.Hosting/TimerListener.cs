using System.Text.Json;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace ComplaintFlow.Hosting;

/// <summary>
/// One timer trigger: a six-field NCRONTAB schedule (seconds first) evaluated in UTC, as the Functions timer trigger
/// does, with <c>runOnStartup</c>. A failed run is logged; the next occurrence runs as scheduled.
/// </summary>
internal sealed partial class TimerListener(
    string functionName,
    TriggerBinding binding,
    CrontabSchedule schedule,
    FunctionInvoker invoke,
    TimeProvider time,
    ILogger logger)
{
    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression (second minute hour day month day-of-week).");

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        DateTime? last = null;
        if (binding.RunOnStartup)
        {
            await InvokeAsync(last, time.GetUtcNow().UtcDateTime, isPastDue: false, stoppingToken).ConfigureAwait(false);
            last = time.GetUtcNow().UtcDateTime;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            var wait = next - now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }

            var late = time.GetUtcNow().UtcDateTime - next > TimeSpan.FromMinutes(1);
            await InvokeAsync(last, schedule.GetNextOccurrence(next), late, stoppingToken).ConfigureAwait(false);
            last = next;
        }
    }

    private async Task InvokeAsync(DateTime? last, DateTime next, bool isPastDue, CancellationToken stoppingToken)
    {
        // TimerInfo as the host serialises it; the worker's TimerInfo has non-nullable dates, so "never" is MinValue.
        var timerInfo = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last ?? DateTime.MinValue, Next = next, LastUpdated = time.GetUtcNow().UtcDateTime },
            IsPastDue = isPastDue,
        };
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding { Name = binding.Name, Data = new TypedData { Json = JsonSerializer.Serialize(timerInfo) } });
        try
        {
            var response = await invoke(functionName, request, stoppingToken).ConfigureAwait(false);
            if (response.Result?.Status != StatusResult.Types.Status.Success)
            {
                LogRunFailed(logger, response.Result?.Exception?.Source ?? "failure", functionName);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRunFailed(logger, e.GetType().Name, functionName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: timer run failed with {Error}")]
    private static partial void LogRunFailed(ILogger logger, string error, string function);
}
