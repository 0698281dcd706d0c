using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Functions.Triage;

/// <summary>
/// Timer trigger (NCRONTAB from the <c>CategoryRetrainSchedule</c> setting, daily at 03:30 by default): retrains the
/// category model from confirmed complaints and imported files, and makes it current only when it is not worse on
/// the held-out share (docs/triage.md, "Category model"). The outcome is logged with figures only.
/// </summary>
public sealed partial class CategoryRetrainFunction(CategoryTeaching teaching, ILogger<CategoryRetrainFunction> logger)
{
    public const string Name = "CategoryRetrain";

    [Function(Name)]
    public async Task<CategoryRetrainRun> RunAsync([TimerTrigger("%CategoryRetrainSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        var run = await teaching.RetrainAsync(cancellationToken);
        Log(logger, run);
        return run;
    }

    /// <summary>One line per run: outcome, counts and macro-F1s, never a complaint's words.</summary>
    internal static void Log(ILogger logger, CategoryRetrainRun run) =>
        LogRun(logger, run.Outcome, run.Examples, run.Training, run.HeldOut, run.CandidateMacroF1, run.CurrentMacroF1, run.CurrentVersion, run.NewVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Category retrain {Outcome}: {Examples} examples ({Training} training, {HeldOut} held out), candidate macro-F1 {Candidate}, current macro-F1 {Current} ({CurrentVersion}), new version {NewVersion}.")]
    private static partial void LogRun(ILogger logger, string outcome, int examples, int training, int heldOut, double? candidate, double? current, string? currentVersion, string? newVersion);
}
