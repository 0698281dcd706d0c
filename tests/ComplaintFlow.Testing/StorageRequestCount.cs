using Azure.Core;
using Azure.Core.Pipeline;

namespace ComplaintFlow.Testing;

/// <summary>
/// Counts the requests a storage client sends, each time one goes on the wire (add it to the client's options with
/// <c>AddPolicy(count, HttpPipelinePosition.PerCall)</c>); safe for clients that send in parallel.
/// </summary>
public sealed class StorageRequestCount : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
