using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Timer trigger (NCRONTAB from the <c>WeeklyReportSchedule</c> setting, hourly by default): sends the supervisors
/// the report of the desk week that ended last, in the staff language with the CSV attached, unless it already went
/// (docs/desk.md, "Weekly report"). A failed send throws and the next run makes it good.
/// </summary>
public sealed partial class WeeklyReportFunction(WeeklyReports reports, ILogger<WeeklyReportFunction> logger)
{
    public const string Name = "WeeklyReport";

    [Function(Name)]
    public async Task<WeeklyReportRun> RunAsync([TimerTrigger("%WeeklyReportSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        var run = await reports.SendLastWeekAsync(cancellationToken);
        if (run.SentTo.Count > 0)
        {
            LogSent(logger, run.Week, run.SentTo.Count);
        }

        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly report {Week} sent to {Recipients} recipient(s).")]
    private static partial void LogSent(ILogger logger, string week, int recipients);
}
