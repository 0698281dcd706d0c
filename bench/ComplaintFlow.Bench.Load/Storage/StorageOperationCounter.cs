using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ComplaintFlow.Bench.Load.Storage;

/// <summary>
/// Counts every HTTP request an Azure SDK client sends to storage, by operation, and the time requests spend in
/// flight. Added to the pipeline per retry, so a retried request counts each time it goes on the wire: the number
/// is what the storage account serves.
/// </summary>
internal sealed class StorageOperationCounter(StorageEndpoints endpoints) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<StorageOperation, long> _counts = new();
    private long _requestTicks;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Count(message, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Count(message, started);
    }

    public OperationCounts Snapshot() =>
        new(_counts.ToDictionary(p => p.Key, p => p.Value)) { RequestTime = TimeSpan.FromTicks(Interlocked.Read(ref _requestTicks)) };

    private void Count(HttpMessage message, long started)
    {
        var operation = endpoints.Classify(message);
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        Interlocked.Add(ref _requestTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }
}

/// <summary>Counts of storage requests by operation at one moment; subtract two to get a window's counts.</summary>
internal sealed record OperationCounts(IReadOnlyDictionary<StorageOperation, long> Counts)
{
    /// <summary>Time spent in flight, summed over requests: divided by a window's length it is the mean concurrency.</summary>
    public TimeSpan RequestTime { get; init; }

    public long this[StorageOperation operation] => Counts.GetValueOrDefault(operation);

    /// <summary>Requests that did work for complaints: everything but empty queue polls and setup.</summary>
    public long Work => Counts.Where(p => p.Key.IsWork).Sum(p => p.Value);

    public OperationCounts Minus(OperationCounts earlier) =>
        new(Counts.Keys.Union(earlier.Counts.Keys).ToDictionary(k => k, k => this[k] - earlier[k])) { RequestTime = RequestTime - earlier.RequestTime };
}

/// <summary>The kinds of storage request a complaint causes, named as the REST API names them.</summary>
internal enum StorageOperation
{
    BlobUpload,
    BlobDownload,
    QueueSend,
    QueueReceive,
    QueueReceiveEmpty,
    QueueDelete,
    QueueUpdate,
    TableTransaction,
    TableRead,
    TableQuery,
    TableInsert,
    TableUpsert,
    TableDelete,
    Setup,
    Other,
}

internal static class StorageOperationNames
{
    extension(StorageOperation operation)
    {
        /// <summary>Empty polls are the price of a polling trigger while idle, not of a complaint; setup runs once.</summary>
        public bool IsWork => operation is not (StorageOperation.QueueReceiveEmpty or StorageOperation.Setup or StorageOperation.Other);

        public string Label => operation switch
        {
            StorageOperation.BlobUpload => "blob upload",
            StorageOperation.BlobDownload => "blob download",
            StorageOperation.QueueSend => "queue send",
            StorageOperation.QueueReceive => "queue receive (with messages)",
            StorageOperation.QueueReceiveEmpty => "queue receive (empty poll)",
            StorageOperation.QueueDelete => "queue delete",
            StorageOperation.QueueUpdate => "queue update (visibility)",
            StorageOperation.TableTransaction => "table transaction",
            StorageOperation.TableRead => "table point read",
            StorageOperation.TableQuery => "table query",
            StorageOperation.TableInsert => "table insert",
            StorageOperation.TableUpsert => "table upsert",
            StorageOperation.TableDelete => "table delete",
            StorageOperation.Setup => "setup (create table/queue/container)",
            _ => "other",
        };
    }
}

/// <summary>Tells blob, queue and table requests apart by the port Azurite serves each on.</summary>
internal sealed record StorageEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    public StorageOperation Classify(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var method = request.Method;
        var path = uri.AbsolutePath;
        var query = uri.Query;
        var segments = path.Trim('/').Split('/');
        if (uri.Port == BlobPort)
        {
            return query.Contains("restype=container", StringComparison.Ordinal) ? StorageOperation.Setup
                : method == RequestMethod.Put ? StorageOperation.BlobUpload
                : method == RequestMethod.Get ? StorageOperation.BlobDownload
                : StorageOperation.Other;
        }

        if (uri.Port == QueuePort)
        {
            // /account/queue/messages[/id]
            var onMessages = segments.Length >= 3 && segments[2] == "messages";
            if (!onMessages)
            {
                return method == RequestMethod.Put ? StorageOperation.Setup : StorageOperation.Other;
            }

            if (method == RequestMethod.Get)
            {
                return HasMessages(message) ? StorageOperation.QueueReceive : StorageOperation.QueueReceiveEmpty;
            }

            return method == RequestMethod.Post ? StorageOperation.QueueSend
                : method == RequestMethod.Delete ? StorageOperation.QueueDelete
                : method == RequestMethod.Put ? StorageOperation.QueueUpdate
                : StorageOperation.Other;
        }

        if (uri.Port == TablePort)
        {
            var resource = segments.Length >= 2 ? Uri.UnescapeDataString(segments[1]) : string.Empty;
            if (resource.StartsWith("$batch", StringComparison.Ordinal))
            {
                return StorageOperation.TableTransaction;
            }

            if (resource.StartsWith("Tables", StringComparison.Ordinal))
            {
                return StorageOperation.Setup;
            }

            var addressesEntity = resource.Contains("PartitionKey=", StringComparison.Ordinal);
            return method == RequestMethod.Get ? (addressesEntity ? StorageOperation.TableRead : StorageOperation.TableQuery)
                : method == RequestMethod.Post ? StorageOperation.TableInsert
                : method == RequestMethod.Put || method == RequestMethod.Patch || method.Method == "MERGE" ? StorageOperation.TableUpsert
                : method == RequestMethod.Delete ? StorageOperation.TableDelete
                : StorageOperation.Other;
        }

        return StorageOperation.Other;
    }

    private static bool HasMessages(HttpMessage message)
    {
        // The SDK buffers small responses, so the body is readable here without disturbing the caller.
        if (!message.HasResponse || message.Response.ContentStream is not { CanSeek: true })
        {
            return true;
        }

        return message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal);
    }
}
