using System.Net;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>The anti-forgery keys live in Blob storage, so any instance accepts what another issued.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task The_anti_forgery_key_ring_is_kept_in_blob_storage_and_shared_by_every_instance()
    {
        var shared = new Dictionary<string, string?> { ["Auth:Mode"] = "Development", ["ComplaintFlow:Storage:NamePrefix"] = "kr" + Guid.NewGuid().ToString("N")[..10] };
        await using var first = await AppHost.StartAsync(shared);
        await using var second = await AppHost.StartAsync(shared);
        var complaint = await SeededComplaints.OpenAsync(first, "key-ring-1", DateTimeOffset.UtcNow.AddDays(3));
        using var onFirst = await StaffSession.SignInAsync(first, "amy@desk.example", "agent");
        var (_, version) = await onFirst.ComplaintAsync(complaint.Id);

        // The same browser (cookie and token from the first instance) lands on the second instance.
        using var onSecond = onFirst.On(second);
        var response = await onSecond.PostAsync($"/api/portal/complaints/{complaint.Id}/claim", version: version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var storage = first.Services.GetRequiredService<StorageOptions>();
        var container = first.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(storage.Container(BlobKeyRing.ContainerName));
        var keys = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            keys.Add((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        Assert.Contains(keys, k => k.StartsWith("<key ", StringComparison.Ordinal));
    }
}
