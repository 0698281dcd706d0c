using System.Text.Json;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace ComplaintFlow.Hosting;

/// <summary>
/// One timer trigger: a six-field NCRONTAB schedule (seconds first) evaluated in UTC, as the Functions timer trigger
/// does, with <c>runOnStartup</c>. A failed run is logged; the next occurrence runs as scheduled.
/// </summary>
public sealed partial class TimerListener(
    string functionName,
    BindingMetadata binding,
    CrontabSchedule schedule,
    FunctionRegistry functions,
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
        var timerInfo = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last, Next = next, LastUpdated = time.GetUtcNow().UtcDateTime },
            IsPastDue = isPastDue,
        };
        var invocation = new FunctionInvocation
        {
            Data = new Dictionary<string, JsonElement> { [binding.Name] = JsonSerializer.SerializeToElement(timerInfo) },
            Metadata = new Dictionary<string, JsonElement>
            {
                ["sys"] = JsonSerializer.SerializeToElement(new { MethodName = functionName, UtcNow = time.GetUtcNow().UtcDateTime, RandGuid = Guid.NewGuid() }),
            },
        };
        try
        {
            await functions.InvokeAsync(functionName, invocation, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRunFailed(logger, e.GetType().Name, functionName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: timer run failed with {Error}")]
    private static partial void LogRunFailed(ILogger logger, string error, string function);
}
