using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Azure.Triage;

/// <summary>
/// Container <c>models</c> (with the name prefix): <c>category/v1.bin.gz</c>, <c>v2</c> … with metadata trainedat,
/// examples, heldout, macrof1 and weight; <c>category/current.json</c>, the pointer triage follows; <c>category/imports/</c>,
/// the imported <c>text,category</c> files (named by their SHA-256, so the same file twice is one import); and
/// <c>category/runs/</c>, one JSON record per retrain run (figures and counts, no text). Every call goes through the
/// storage client's retry policy and network timeout.
/// </summary>
public sealed class BlobCategoryModelStore(BlobContainerClient container) : ICategoryModelStore
{
    private const string Prefix = "category/";
    private const string VersionPrefix = Prefix + "v";
    private const string Pointer = Prefix + "current.json";
    private const string ImportPrefix = Prefix + "imports/";
    private const string RunPrefix = Prefix + "runs/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CategoryModelVersion?> CurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(Pointer).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<CategoryModelVersion>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<LinearTextModel> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var content = await container.GetBlobClient(BlobName(version)).DownloadContentAsync(cancellationToken);
        using var stream = content.Value.Content.ToStream();
        return LinearTextModel.Load(stream);
    }

    public async Task<IReadOnlyList<CategoryModelVersion>> VersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new List<CategoryModelVersion>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, VersionPrefix, cancellationToken))
        {
            if (FromBlob(blob.Name, blob.Metadata) is { } version)
            {
                versions.Add(version);
            }
        }

        return [.. versions.OrderBy(v => v.Number)];
    }

    public async Task<CategoryModelVersion> AddAsync(LinearTextModel model, DateTimeOffset trainedAt, int examples, int heldOut, double validationMacroF1, double weight, CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        model.Save(bytes);
        var next = (await VersionsAsync(cancellationToken)).Select(v => v.Number).DefaultIfEmpty(0).Max() + 1;
        for (var attempt = 1; ; attempt++)
        {
            var version = new CategoryModelVersion($"v{next}", trainedAt, examples, heldOut, validationMacroF1, weight);
            try
            {
                bytes.Position = 0;
                await container.GetBlobClient(BlobName(version.Version)).UploadAsync(bytes, new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" },
                    Metadata = new Dictionary<string, string>
                    {
                        ["trainedat"] = trainedAt.ToString("O", CultureInfo.InvariantCulture),
                        ["examples"] = examples.ToString(CultureInfo.InvariantCulture),
                        ["heldout"] = heldOut.ToString(CultureInfo.InvariantCulture),
                        ["macrof1"] = validationMacroF1.ToString("0.####", CultureInfo.InvariantCulture),
                        ["weight"] = weight.ToString("0.##", CultureInfo.InvariantCulture),
                    },
                    // A version is never overwritten: a second writer at the same moment takes the next number.
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
                return version;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 5)
            {
                next++;
            }
        }
    }

    public async Task SetCurrentAsync(string version, CancellationToken cancellationToken)
    {
        var properties = (await container.GetBlobClient(BlobName(version)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var stored = FromBlob(BlobName(version), properties.Metadata) ?? throw new InvalidOperationException($"Category model {version} has no metadata.");
        await container.GetBlobClient(Pointer).UploadAsync(BinaryData.FromObjectAsJson(stored, Json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken);
    }

    public async Task<string> ImportAsync(string csv, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var name = ImportPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)))[..16] + ".csv";
        try
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(csv), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["importedat"] = at.ToString("O", CultureInfo.InvariantCulture) },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same file was imported before: one copy.
        }

        return name;
    }

    public async IAsyncEnumerable<CategoryImport> ImportsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, ImportPrefix, cancellationToken))
        {
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            yield return new CategoryImport(blob.Name, Encoding.UTF8.GetString(content.Value.Content.ToArray()));
        }
    }

    public async Task RecordRunAsync(CategoryRetrainRun run, CancellationToken cancellationToken) =>
        await container.GetBlobClient(RunPrefix + run.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".json")
            .UploadAsync(BinaryData.FromObjectAsJson(run, Json), overwrite: true, cancellationToken);

    private static string BlobName(string version) => $"{Prefix}{version}.bin.gz";

    private static CategoryModelVersion? FromBlob(string name, IDictionary<string, string> metadata)
    {
        var version = name[Prefix.Length..].Replace(".bin.gz", "", StringComparison.Ordinal);
        var metadataOf = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);
        return metadataOf.TryGetValue("trainedat", out var at) && metadataOf.TryGetValue("examples", out var examples)
            && metadataOf.TryGetValue("heldout", out var heldOut) && metadataOf.TryGetValue("macrof1", out var f1)
            && metadataOf.TryGetValue("weight", out var weight)
            ? new CategoryModelVersion(
                version,
                DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                int.Parse(examples, CultureInfo.InvariantCulture),
                int.Parse(heldOut, CultureInfo.InvariantCulture),
                double.Parse(f1, CultureInfo.InvariantCulture),
                double.Parse(weight, CultureInfo.InvariantCulture))
            : null;
    }
}
