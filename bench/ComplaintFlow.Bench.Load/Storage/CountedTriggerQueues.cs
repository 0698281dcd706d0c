using Azure.Core;
using Azure.Storage.Queues;
using ComplaintFlow.Hosting;
using Microsoft.Extensions.Hosting;

namespace ComplaintFlow.Bench.Load.Storage;

/// <summary>
/// Gives the local trigger host queue clients that carry the counter. The host builds its clients when it starts,
/// and hosted services start in the order they were registered: registered before the app's own services, this one
/// runs first.
/// </summary>
internal sealed class CountedTriggerQueues(LocalTriggerHostOptions triggers, StorageOperationCounter counter, string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Like the app's own factory: no message encoding, since the listener decodes base64 as the real trigger does.
        triggers.QueueService = _ =>
        {
            var options = new QueueClientOptions();
            options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
            return new QueueServiceClient(connectionString, options);
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
