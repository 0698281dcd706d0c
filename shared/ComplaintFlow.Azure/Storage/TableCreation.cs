using Azure;
using Azure.Data.Tables;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// Creates a table on its first use by this instance, so an adapter works on a fresh account (and each test's own
/// table) without the start-up initializer; afterwards it costs nothing.
/// </summary>
internal sealed class TableCreation(TableClient table)
{
    private int _created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created concurrently by another instance.
        }

        Volatile.Write(ref _created, 1);
    }
}
