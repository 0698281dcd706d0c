using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Functions.Deadlines;

/// <summary>
/// Timer trigger (NCRONTAB from the <c>CalendarCoverageSchedule</c> setting, daily by default): logs a warning for
/// each business calendar whose holiday data ends within 60 days or has ended, so the schedule is entered before
/// clocks need it. The Azure Monitor alert in <c>infra-bicep/modules/monitoring.bicep</c> searches for these
/// warnings ("holidays end on" / "holidays ended on"); the message names the calendar and dates, never a person.
/// </summary>
public sealed partial class CalendarCoverageFunction(CalendarMaintenance calendars, ILogger<CalendarCoverageFunction> logger)
{
    public const string Name = "CalendarCoverage";

    [Function(Name)]
    public async Task<IReadOnlyList<CalendarCoverage>> RunAsync([TimerTrigger("%CalendarCoverageSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        var coverage = await calendars.CoverageAsync(cancellationToken);
        foreach (var calendar in coverage)
        {
            if (calendar.State == CoverageState.Covered)
            {
                LogCovered(logger, calendar.Message);
            }
            else
            {
                LogRunningOut(logger, calendar.Message);
            }
        }

        return coverage;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CoverageMessage}")]
    private static partial void LogRunningOut(ILogger logger, string coverageMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CoverageMessage}")]
    private static partial void LogCovered(ILogger logger, string coverageMessage);
}
