using System.Net;
using System.Text;
using System.Xml.Linq;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// The anti-forgery keys live in Blob storage, so any instance accepts what another issued, and each is wrapped with
/// the key-encryption key from Key Vault before it is written (docs/security.md, "Keys at rest").
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task The_anti_forgery_key_ring_is_kept_in_blob_storage_and_shared_by_every_instance()
    {
        var shared = SharedPrefix();
        await using var first = await AppHost.StartAsync(shared);
        await using var second = await AppHost.StartAsync(shared);
        var complaint = await SeededComplaints.OpenAsync(first, "key-ring-1", DateTimeOffset.UtcNow.AddDays(3));
        using var onFirst = await StaffSession.SignInAsync(first, "amy@desk.example", "agent");
        var (_, version) = await onFirst.ComplaintAsync(complaint.Id);

        // The same browser (cookie and token from the first instance) lands on the second instance.
        using var onSecond = onFirst.On(second);
        var response = await onSecond.PostAsync($"/api/portal/complaints/{complaint.Id}/claim", version: version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await StoredKeysAsync(first), k => k.Name == "key");
    }

    [Fact]
    public async Task The_stored_key_ring_holds_no_plaintext_key_and_tokens_still_validate_after_a_restart()
    {
        var settings = SharedPrefix();
        settings["Auth:Mode"] = "AppService";
        string version;
        string complaintId;
        StaffSession before;
        List<XElement> stored;
        await using (var first = await AppHost.StartAsync(settings))
        {
            complaintId = (await SeededComplaints.OpenAsync(first, "key-ring-restart", DateTimeOffset.UtcNow.AddDays(3))).Id;
            before = await StaffSession.SignInAsync(first, "amy@desk.example", "agent");
            (_, version) = await before.ComplaintAsync(complaintId);
            stored = await StoredKeysAsync(first);
        }

        // At rest: the master key is not in the XML, only a wrapped value naming the key-encryption key.
        var key = Assert.Single(stored);
        Assert.Empty(key.Descendants("masterKey"));
        var wrapped = Assert.Single(key.Descendants("wrappedKey"));
        var keks = KeyEncryptionKeys.Parse(AppHost.KeyEncryptionKey, null);
        Assert.Equal(keks.CurrentKeyId, (string?)wrapped.Attribute("kid"));
        // What was wrapped is the key itself: the key-encryption key opens it to the descriptor holding the master key.
        var unwrapped = XElement.Parse(Encoding.UTF8.GetString(keks.Unwrap(new WrappedSecret(
            (string)wrapped.Attribute("kid")!,
            Convert.FromBase64String(wrapped.Element("nonce")!.Value),
            Convert.FromBase64String(wrapped.Element("tag")!.Value),
            Convert.FromBase64String(wrapped.Element("value")!.Value)))));
        var masterKey = Assert.Single(unwrapped.DescendantsAndSelf("masterKey")).Element("value")!.Value;
        Assert.Equal(64, Convert.FromBase64String(masterKey).Length);
        Assert.DoesNotContain(masterKey, key.ToString(), StringComparison.Ordinal);

        // The app restarted: the token issued before still validates, so the ring was read back through the wrap.
        await using var restarted = await AppHost.StartAsync(settings);
        using var after = before.On(restarted);
        var response = await after.PostAsync($"/api/portal/complaints/{complaintId}/claim", version: version);
        before.Dispose();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await StoredKeysAsync(restarted));
    }

    [Fact]
    public async Task After_the_key_encryption_key_is_rotated_tokens_issued_before_still_validate_while_the_old_key_is_listed()
    {
        var settings = SharedPrefix();
        string version;
        string complaintId;
        StaffSession before;
        await using (var first = await AppHost.StartAsync(settings))
        {
            complaintId = (await SeededComplaints.OpenAsync(first, "key-ring-rotation", DateTimeOffset.UtcNow.AddDays(3))).Id;
            before = await StaffSession.SignInAsync(first, "amy@desk.example", "agent");
            (_, version) = await before.ComplaintAsync(complaintId);
        }

        var newKey = KeyEncryptionKeys.NewKey();
        var rotated = new Dictionary<string, string?>(settings)
        {
            ["ComplaintFlow:DataProtection:KeyEncryptionKey"] = newKey,
            ["ComplaintFlow:DataProtection:PreviousKeyEncryptionKeys"] = AppHost.KeyEncryptionKey,
        };
        await using (var afterRotation = await AppHost.StartAsync(rotated))
        {
            using var session = before.On(afterRotation);
            var response = await session.PostAsync($"/api/portal/complaints/{complaintId}/claim", version: version);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Dropping the old key from the list makes the keys it wrapped unreadable: the token is refused, not accepted.
        var dropped = new Dictionary<string, string?>(settings) { ["ComplaintFlow:DataProtection:KeyEncryptionKey"] = newKey };
        await using var withoutOldKey = await AppHost.StartAsync(dropped);
        using var refused = before.On(withoutOldKey);
        var (_, current) = await refused.ComplaintAsync(complaintId);
        var answer = await refused.PostAsync($"/api/portal/complaints/{complaintId}/claim", version: current);
        before.Dispose();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Theory]
    [InlineData("", "KeyVaultKeyId (or ComplaintFlow:DataProtection:KeyEncryptionKey) is required")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/data-protection-kek)", "did not resolve")]
    [InlineData("c2hvcnQ=", "not base64 of 32 bytes")]
    public async Task Outside_development_the_app_does_not_start_without_a_usable_key_encryption_key(string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "AppService",
            ["ComplaintFlow:DataProtection:KeyEncryptionKey"] = value,
        }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> SharedPrefix() =>
        new() { ["Auth:Mode"] = "Development", ["ComplaintFlow:Storage:NamePrefix"] = "kr" + Guid.NewGuid().ToString("N")[..10] };

    private static async Task<List<XElement>> StoredKeysAsync(AppHost host)
    {
        var storage = host.Services.GetRequiredService<StorageOptions>();
        var container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(storage.Container(BlobKeyRing.ContainerName));
        var keys = new List<XElement>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            keys.Add(XElement.Parse((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString()));
        }

        return keys;
    }
}
