using System.Xml.Linq;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Auth;

/// <summary>
/// The Data Protection key ring (which signs the portal's anti-forgery tokens) kept in Blob container
/// <c>data-protection</c>, so every instance of the app, and the app after a restart, accepts the tokens any
/// instance issued. Access to the container is by the app's managed identity only, and each key is wrapped with a
/// key-encryption key from Key Vault before it is written (<see cref="KeyRingXmlEncryptor"/>).
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
        services.AddOptions<KeyManagementOptions>().Configure<BlobServiceClient, StorageOptions, IOptions<KeyRingEncryptionOptions>>((options, blobs, storage, encryption) =>
        {
            options.XmlRepository = new BlobKeyRing(blobs.GetBlobContainerClient(storage.Container(ContainerName)));
            // Unset only in development (validation refuses to start otherwise): keys are then stored as the framework writes them.
            if (encryption.Value.IsConfigured)
            {
                options.XmlEncryptor = new KeyRingXmlEncryptor(encryption.Value.Keys());
            }
        });
        return services;
    }
}
