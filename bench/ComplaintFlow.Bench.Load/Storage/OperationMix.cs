namespace ComplaintFlow.Bench.Load.Storage;

/// <summary>Storage requests per complaint, by operation: what one complaint costs the storage account.</summary>
internal sealed record OperationMix(IReadOnlyDictionary<StorageOperation, double> PerComplaint, string Source)
{
    public double Total => PerComplaint.Values.Sum();

    /// <summary>
    /// Read from the code, for a web complaint with an email address, for runs that measure only the ceiling.
    /// Intake: read (idempotency), blob upload, transaction, send. Triage: read twice (handler, then the ETag loop),
    /// two deadline upserts, transaction, send, delete. Notify: read twice, transaction, one deadline delete (the
    /// acknowledgement deadline is met), delete. Receives come in batches of up to 16 (host.json batchSize).
    /// </summary>
    public static OperationMix FromCode { get; } = new(
        new Dictionary<StorageOperation, double>
        {
            [StorageOperation.TableRead] = 5,
            [StorageOperation.BlobUpload] = 1,
            [StorageOperation.TableTransaction] = 3,
            [StorageOperation.QueueSend] = 2,
            [StorageOperation.TableUpsert] = 2,
            [StorageOperation.TableDelete] = 1,
            [StorageOperation.QueueDelete] = 2,
            [StorageOperation.QueueReceive] = 0.25,
        },
        "read from the code (no pipeline run)");

    /// <summary>The work requests counted during a run, divided by the complaints it fully processed.</summary>
    public static OperationMix Measured(OperationCounts counts, int complaints) => new(
        counts.Counts.Where(p => p.Key.IsWork && p.Value > 0).ToDictionary(p => p.Key, p => (double)p.Value / Math.Max(1, complaints)),
        $"counted during the run ({complaints} complaints)");
}
