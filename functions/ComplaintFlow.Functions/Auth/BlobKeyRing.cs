using System.Xml.Linq;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure;
using ComplaintFlow.Azure.KeyVault;
using ComplaintFlow.Azure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// The Data Protection key ring (which signs the portal's anti-forgery tokens) kept in Blob container
/// <c>data-protection</c>, so every instance of the app, and the app after a restart, accepts the tokens any
/// instance issued. Access to the container is by the app's managed identity only, and each key is wrapped with the
/// Key Vault key before it is written (<see cref="KeyVaultXmlEncryptor"/>; <see cref="KeyRingXmlEncryptor"/> where only a
/// key-encryption key is configured).
/// </summary>
public sealed class BlobKeyRing(BlobContainerClient container) : IXmlRepository
{
    public const string ContainerName = "data-protection";

    // IXmlRepository is synchronous by contract; it is read once per key-ring refresh (hours), not per request.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        container.CreateIfNotExists();
        return [.. container.GetBlobs().Select(b => XElement.Parse(container.GetBlobClient(b.Name).DownloadContent().Value.Content.ToString()))];
    }

    public void StoreElement(XElement element, string friendlyName) =>
        container.GetBlobClient($"{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);

    public static IServiceCollection AddBlobKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("complaintflow");
        services.AddOptions<KeyRingEncryptionOptions>().Bind(configuration.GetSection(KeyRingEncryptionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingEncryptionOptions>, KeyRingEncryptionValidation>();
        var settings = configuration.GetSection(KeyRingEncryptionOptions.Section).Get<KeyRingEncryptionOptions>() ?? new KeyRingEncryptionOptions();
        if (KeyVaultKeyId.TryParse(settings.KeyVaultKeyId, out var keyVaultKey))
        {
            services.AddHttpClient(nameof(KeyVaultKeyWrapClient)).AddStandardResilienceHandler(o => ServiceRegistration.ConfigureResilience(o, TimeSpan.FromSeconds(10)));
            services.TryAddKeyedSingleton<TokenCredential>(KeyRingEncryptionOptions.CredentialKey, (_, _) => string.IsNullOrWhiteSpace(settings.ClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ClientId)));
            services.AddSingleton(sp => new KeyVaultKeyWrapClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KeyVaultKeyWrapClient)),
                keyVaultKey!,
                sp.GetRequiredKeyedService<TokenCredential>(KeyRingEncryptionOptions.CredentialKey)));
        }

        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            var storage = sp.GetRequiredService<StorageOptions>();
            options.XmlRepository = new BlobKeyRing(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(storage.Container(ContainerName)));
            var encryption = sp.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value;
            // The Key Vault key wraps every new key where it is configured (Azure); else the key-encryption key. Neither
            // only in development (validation refuses to start otherwise): keys are then stored as the framework writes them.
            if (sp.GetService<KeyVaultKeyWrapClient>() is { } keyVault)
            {
                options.XmlEncryptor = new KeyVaultXmlEncryptor(keyVault);
            }
            else if (encryption.IsConfigured)
            {
                options.XmlEncryptor = new KeyRingXmlEncryptor(encryption.Keys());
            }
        });
        return services;
    }
}
