using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Hosting;

namespace ComplaintFlow.Functions.Http;

/// <summary>Reads the <c>message</c> binding of a queue-triggered invocation, resolving a Blob claim-check.</summary>
public static class QueueBinding
{
    public const string Name = "message";

    public static async Task<T> ReadAsync<T>(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var text = invocation.DataAsText(Name) ?? throw new InvalidOperationException($"The invocation has no '{Name}' binding.");
        return await services.GetRequiredService<QueueMessageReader>().ReadAsync<T>(text, cancellationToken);
    }
}
