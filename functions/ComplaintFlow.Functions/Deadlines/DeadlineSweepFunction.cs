using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Functions.Deadlines;

/// <summary>Timer trigger (NCRONTAB from the <c>DeadlineSweepSchedule</c> setting, every minute by default): the deadline sweep.</summary>
public sealed partial class DeadlineSweepFunction(DeadlineSweep sweep, ILogger<DeadlineSweepFunction> logger)
{
    public const string Name = "DeadlineSweep";

    [Function(Name)]
    public async Task<SweepReport> RunAsync([TimerTrigger("%DeadlineSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        var report = await sweep.RunAsync(cancellationToken);
        Telemetry.Escalated.Add(report.Escalated);
        LogSwept(logger, report.EntriesRead, report.ComplaintsRead, report.Warned, report.Escalated, report.HoldingNotices, report.ProgressNotices, report.StaleRemoved);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SLA sweep: read {Entries} index rows and {Complaints} complaints; warned {Warned}, escalated {Escalated}, holding notices {Holding}, progress notices {Progress}, stale rows removed {Stale}")]
    private static partial void LogSwept(ILogger logger, int entries, int complaints, int warned, int escalated, int holding, int progress, int stale);
}
