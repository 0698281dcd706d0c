using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Complaints;
using Microsoft.Extensions.Hosting;

namespace ComplaintFlow.Azure.Storage;

/// <summary>Creates the tables, queues and containers the app uses when they are missing (local runs and tests).</summary>
public sealed class StorageInitializer(StorageOptions options, TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs) : IHostedService
{
    public static IReadOnlyList<string> Tables { get; } = [TableNames.Complaints, TableNames.Deadlines, TableNames.Contacts, TableNames.SmsOptOuts, TableNames.SmsThreads, TableNames.Calendars, TableNames.EmailSuppressions, TableNames.Staff, TableNames.SearchIndex, TableNames.CompensationApprovals, TableNames.ContactFlags, TableNames.Incidents];
    public static IReadOnlyList<string> Queues { get; } =
        [QueueNames.Intake, QueueNames.Intake + "-poison", QueueNames.Notifications, QueueNames.Notifications + "-poison", QueueNames.SmsMedia, QueueNames.SmsMedia + "-poison", QueueNames.Incidents, QueueNames.Incidents + "-poison"];
    public static IReadOnlyList<string> Containers { get; } = [ContainerNames.RawInbound, ContainerNames.ClaimChecks, ContainerNames.Reports, ContainerNames.Models];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.CreateIfMissing)
        {
            return;
        }

        foreach (var table in Tables)
        {
            await tables.CreateTableIfNotExistsAsync(options.Table(table), cancellationToken);
        }

        foreach (var queue in Queues)
        {
            await queues.GetQueueClient(options.Queue(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var container in Containers)
        {
            await blobs.GetBlobContainerClient(options.Container(container)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
