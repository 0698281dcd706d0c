using System.Collections.Concurrent;
using System.Diagnostics;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.Http;

namespace ComplaintFlow.Bench.Load.Storage;

/// <summary>
/// Counts every storage request by operation, and the time requests spend in flight, as the
/// <see cref="StorageProxy"/> in front of Azurite relays them. Everything that talks to storage goes through it: the
/// worker's clients, the local Functions host's queue triggers and the ceiling's own clients; a retried request
/// counts each time it goes on the wire, so the number is what the storage account serves.
/// </summary>
internal sealed class StorageOperationCounter
{
    private readonly ConcurrentDictionary<StorageOperation, long> _counts = new();
    private long _requestTicks;

    public async Task<HttpResponseMessage?> RelayAsync(HttpContext context, StorageService service, Func<Task<HttpResponseMessage>> forward)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await forward();
        var request = context.Request;
        var operation = StorageOperations.Classify(service, request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty,
            hasMessages: () => response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Contains("<QueueMessage>", StringComparison.Ordinal));
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        Interlocked.Add(ref _requestTicks, Stopwatch.GetElapsedTime(started).Ticks);
        return response;
    }

    public OperationCounts Snapshot() =>
        new(_counts.ToDictionary(p => p.Key, p => p.Value)) { RequestTime = TimeSpan.FromTicks(Interlocked.Read(ref _requestTicks)) };
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

/// <summary>Names a storage request by what it does, from its service, method and address.</summary>
internal static class StorageOperations
{
    /// <param name="hasMessages">Whether a queue receive's answer holds messages (read only for receives).</param>
    public static StorageOperation Classify(StorageService service, string method, string path, string query, Func<bool> hasMessages)
    {
        var segments = path.Trim('/').Split('/');
        if (service == StorageService.Blob)
        {
            return query.Contains("restype=container", StringComparison.Ordinal) ? StorageOperation.Setup
                : HttpMethods.IsPut(method) ? StorageOperation.BlobUpload
                : HttpMethods.IsGet(method) ? StorageOperation.BlobDownload
                : StorageOperation.Other;
        }

        if (service == StorageService.Queue)
        {
            // /account/queue/messages[/id]
            var onMessages = segments.Length >= 3 && segments[2] == "messages";
            if (!onMessages)
            {
                return HttpMethods.IsPut(method) ? StorageOperation.Setup : StorageOperation.Other;
            }

            if (HttpMethods.IsGet(method))
            {
                return hasMessages() ? StorageOperation.QueueReceive : StorageOperation.QueueReceiveEmpty;
            }

            return HttpMethods.IsPost(method) ? StorageOperation.QueueSend
                : HttpMethods.IsDelete(method) ? StorageOperation.QueueDelete
                : HttpMethods.IsPut(method) ? StorageOperation.QueueUpdate
                : StorageOperation.Other;
        }

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
        return HttpMethods.IsGet(method) ? (addressesEntity ? StorageOperation.TableRead : StorageOperation.TableQuery)
            : HttpMethods.IsPost(method) ? StorageOperation.TableInsert
            : HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || method == "MERGE" ? StorageOperation.TableUpsert
            : HttpMethods.IsDelete(method) ? StorageOperation.TableDelete
            : StorageOperation.Other;
    }
}
