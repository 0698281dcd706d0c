using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Hosting;

namespace ComplaintFlow.Functions.Sla;

/// <summary>Timer trigger (NCRONTAB from the <c>SlaSchedule</c> setting, every minute by default): the SLA sweep.</summary>
public static partial class SlaFunction
{
    public const string Name = "Sla";

    public static async Task<FunctionResult> RunAsync(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        var report = await services.GetRequiredService<SlaSweep>().RunAsync(cancellationToken);
        Telemetry.Escalated.Add(report.Escalated);
        LogSwept(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlaFunction)),
            report.EntriesRead, report.ComplaintsRead, report.Warned, report.Escalated, report.HoldingNotices, report.StaleRemoved);
        return new FunctionResult { ReturnValue = report };
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SLA sweep: read {Entries} index rows and {Complaints} complaints; warned {Warned}, escalated {Escalated}, holding notices {Holding}, stale rows removed {Stale}")]
    private static partial void LogSwept(ILogger logger, int entries, int complaints, int warned, int escalated, int holding, int stale);
}
