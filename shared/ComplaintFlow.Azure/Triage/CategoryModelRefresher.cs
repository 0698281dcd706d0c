using ComplaintFlow.Core.Triage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Azure.Triage;

/// <summary>
/// Reads the category model's "current" pointer at start and every <see cref="CategoryModelOptions.RefreshInterval"/>,
/// loading a new version when it moved. A failed read (after the storage client's retries) is logged and the model in
/// hand stays until the next try; triage never waits on Blob.
/// </summary>
public sealed partial class CategoryModelRefresher(CategoryModels models, IOptions<CategoryModelOptions> options, TimeProvider time, ILogger<CategoryModelRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await models.RefreshAsync(stoppingToken))
                {
                    LogLoaded(logger, models.CurrentVersion ?? "shipped");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.RefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Category model {Version} loaded for triage.")]
    private static partial void LogLoaded(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Category model could not be refreshed ({Error}); the model in use stays.")]
    private static partial void LogFailed(ILogger logger, string error);
}
