using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ComplaintFlow.Bench.Load.Generation;

namespace ComplaintFlow.Bench.Load.Storage;

/// <summary>What the storage emulator serves when nothing but the Azure SDK (and the counting proxy the pipeline also goes through) stands between it and the load.</summary>
internal sealed record CeilingResult
{
    public required int Concurrency { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required OperationCounts Counts { get; init; }
    public required OperationMix Mix { get; init; }
    public required long Failures { get; init; }
    public double OperationsPerSecond => Counts.Work / Elapsed.TotalSeconds;
    public double ComplaintEquivalentsPerSecond => OperationsPerSecond / Mix.Total;
}

/// <summary>
/// Replays a complaint's storage operations (<see cref="OperationMix"/>) straight through the Azure SDK, with the
/// same payload sizes, from <c>concurrency</c> workers, against the same emulator: the most the pipeline could get
/// out of this storage. Each worker plays complaints one after another, spreading fractional counts (a receive
/// per several complaints) with a carry, and in the order the pipeline needs them (write before read, send before
/// receive before delete).
/// </summary>
internal sealed class StorageCeiling(string connectionString, StorageOperationCounter counter, IReadOnlyList<GeneratedComplaint> samples)
{
    private static readonly StorageOperation[] Order =
    [
        StorageOperation.BlobUpload, StorageOperation.TableTransaction, StorageOperation.TableInsert, StorageOperation.TableUpsert,
        StorageOperation.TableRead, StorageOperation.TableQuery, StorageOperation.BlobDownload, StorageOperation.QueueSend,
        StorageOperation.QueueReceive, StorageOperation.QueueUpdate, StorageOperation.QueueDelete, StorageOperation.TableDelete,
    ];

    public async Task<CeilingResult> MeasureAsync(OperationMix mix, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var blobOptions = new BlobClientOptions();

        var name = "ceil" + Guid.NewGuid().ToString("N")[..10];
        var tables = new TableServiceClient(connectionString, tableOptions);
        var complaints = tables.GetTableClient(name + "complaints");
        var deadlines = tables.GetTableClient(name + "deadlines");
        var queue = new QueueServiceClient(connectionString, queueOptions).GetQueueClient(name + "-queue");
        var container = new BlobServiceClient(connectionString, blobOptions).GetBlobContainerClient(name + "-raw");
        await complaints.CreateIfNotExistsAsync(cancellationToken);
        await deadlines.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        var storage = new CeilingStorage(complaints, deadlines, queue, container);
        var before = counter.Snapshot();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        var failures = 0L;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var worker = new CeilingWorker(w, storage, mix, samples);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await worker.PlayComplaintAsync(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (RequestFailedException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var counts = counter.Snapshot().Minus(before);

        await queue.DeleteIfExistsAsync(CancellationToken.None);
        await container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        await complaints.DeleteAsync(CancellationToken.None);
        await deadlines.DeleteAsync(CancellationToken.None);
        return new CeilingResult { Concurrency = concurrency, Elapsed = elapsed, Counts = counts, Mix = mix, Failures = failures };
    }

    private sealed record CeilingStorage(TableClient Complaints, TableClient Deadlines, QueueClient Queue, BlobContainerClient Container)
    {
        /// <summary>Received and not yet deleted, shared as the trigger host shares a batch among its handlers.</summary>
        public ConcurrentQueue<QueueMessage> Received { get; } = new();
    }

    private sealed class CeilingWorker(int id, CeilingStorage storage, OperationMix mix, IReadOnlyList<GeneratedComplaint> samples)
    {
        private readonly Dictionary<StorageOperation, double> _due = [];
        private readonly Queue<(string Partition, string Row)> _indexRows = new();
        private int _complaint;
        private int _events;
        private string? _lastBlob;

        public async Task PlayComplaintAsync(CancellationToken cancellationToken)
        {
            _complaint++;
            _events = 0;
            var sample = samples[(id * 7919 + _complaint) % samples.Count];
            var partition = $"w{id}-{_complaint}";
            foreach (var operation in Order)
            {
                _due[operation] = _due.GetValueOrDefault(operation) + mix.PerComplaint.GetValueOrDefault(operation);
                while (_due[operation] >= 1 && await RunAsync(operation, partition, sample, cancellationToken))
                {
                    _due[operation] -= 1;
                }
            }
        }

        /// <summary>False when the operation has nothing to act on yet (no message received to delete): it stays due.</summary>
        private async Task<bool> RunAsync(StorageOperation operation, string partition, GeneratedComplaint sample, CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case StorageOperation.BlobUpload:
                    _lastBlob = $"web/{partition}.json";
                    await storage.Container.GetBlobClient(_lastBlob).UploadAsync(BinaryData.FromObjectAsJson(sample), overwrite: true, cancellationToken);
                    break;
                case StorageOperation.BlobDownload when _lastBlob is not null:
                    await storage.Container.GetBlobClient(_lastBlob).DownloadContentAsync(cancellationToken);
                    break;
                case StorageOperation.TableTransaction:
                    await storage.Complaints.SubmitTransactionAsync(StateWithEvent(partition, sample), cancellationToken);
                    break;
                case StorageOperation.TableRead:
                    await storage.Complaints.GetEntityIfExistsAsync<TableEntity>(partition, "complaint", cancellationToken: cancellationToken);
                    break;
                case StorageOperation.TableQuery:
                    await foreach (var _ in storage.Complaints.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
                    {
                    }

                    break;
                case StorageOperation.TableInsert or StorageOperation.TableUpsert:
                    var row = (DateTimeOffset.UtcNow.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), $"{partition}|{_indexRows.Count}");
                    await storage.Deadlines.UpsertEntityAsync(new TableEntity(row.Item1, row.Item2) { ["ComplaintId"] = partition, ["Kind"] = "resolve", ["DueAt"] = DateTimeOffset.UtcNow.AddDays(5) }, TableUpdateMode.Replace, cancellationToken);
                    _indexRows.Enqueue(row);
                    break;
                case StorageOperation.TableDelete when _indexRows.TryDequeue(out var index):
                    await storage.Deadlines.DeleteEntityAsync(index.Partition, index.Row, ETag.All, cancellationToken);
                    break;
                case StorageOperation.QueueSend:
                    await storage.Queue.SendMessageAsync(JsonSerializer.Serialize(new { complaintId = partition, traceParent = "00-" + new string('0', 32) + "-" + new string('0', 16) + "-01" }), cancellationToken);
                    break;
                case StorageOperation.QueueReceive:
                    await ReceiveAsync(cancellationToken);
                    break;
                case StorageOperation.QueueUpdate or StorageOperation.QueueDelete:
                    // Receives run at the pipeline's rate (batches of up to 16), so a delete may wait for a later one.
                    if (!storage.Received.TryDequeue(out var message))
                    {
                        return false;
                    }

                    if (operation == StorageOperation.QueueUpdate)
                    {
                        var updated = await storage.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
                        storage.Received.Enqueue(message.Update(updated.Value));
                    }
                    else
                    {
                        await storage.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    }

                    break;
                default:
                    break;
            }

            return true;
        }

        private async Task ReceiveAsync(CancellationToken cancellationToken)
        {
            // The trigger host takes up to batchSize (16) messages per receive; so does the ceiling.
            var messages = await storage.Queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), cancellationToken);
            foreach (var message in messages.Value)
            {
                storage.Received.Enqueue(message);
            }
        }

        /// <summary>The state row (about the complaint's size plus the metadata the app keeps) and its next event.</summary>
        private List<TableTransactionAction> StateWithEvent(string partition, GeneratedComplaint sample)
        {
            var state = new TableEntity(partition, "complaint")
            {
                ["Status"] = "Open",
                ["Channel"] = "Web",
                ["StateChunks"] = 1,
                ["State0"] = JsonSerializer.Serialize(sample) + new string(' ', 1_000),
            };
            var action = _events == 0
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, ETag.All);
            _events++;
            var @event = new TableEntity(partition, $"event|{_events:D6}") { ["Type"] = "scored", ["At"] = DateTimeOffset.UtcNow, ["Actor"] = "system", ["Data"] = "{\"priority\":\"P2\"}" };
            return [action, new TableTransactionAction(TableTransactionActionType.Add, @event)];
        }
    }
}
