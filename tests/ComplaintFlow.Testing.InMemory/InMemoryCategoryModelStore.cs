using System.Runtime.CompilerServices;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="ICategoryModelStore"/> in memory; models are kept as their saved bytes, as Blob keeps them.</summary>
public sealed class InMemoryCategoryModelStore : ICategoryModelStore
{
    private readonly Lock _lock = new();
    private readonly List<(CategoryModelVersion Version, byte[] Bytes)> _versions = [];
    private readonly Dictionary<string, string> _imports = new(StringComparer.Ordinal);
    private string? _current;

    public List<CategoryRetrainRun> Runs { get; } = [];

    public Task<CategoryModelVersion?> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_current is null ? null : _versions.Single(v => v.Version.Version == _current).Version);
        }
    }

    public Task<LinearTextModel> LoadAsync(string version, CancellationToken cancellationToken)
    {
        byte[] bytes;
        lock (_lock)
        {
            bytes = _versions.Single(v => v.Version.Version == version).Bytes;
        }

        using var stream = new MemoryStream(bytes);
        return Task.FromResult(LinearTextModel.Load(stream));
    }

    public Task<IReadOnlyList<CategoryModelVersion>> VersionsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CategoryModelVersion>>([.. _versions.Select(v => v.Version)]);
        }
    }

    public Task<CategoryModelVersion> AddAsync(LinearTextModel model, DateTimeOffset trainedAt, int examples, int heldOut, double validationMacroF1, double weight, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        lock (_lock)
        {
            var version = new CategoryModelVersion($"v{_versions.Count + 1}", trainedAt, examples, heldOut, validationMacroF1, weight);
            _versions.Add((version, stream.ToArray()));
            return Task.FromResult(version);
        }
    }

    public Task SetCurrentAsync(string version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _current = _versions.Single(v => v.Version.Version == version).Version.Version;
        }

        return Task.CompletedTask;
    }

    public Task<string> ImportAsync(string csv, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var name = $"category/imports/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(csv)))[..16]}.csv";
        lock (_lock)
        {
            _imports[name] = csv;
        }

        return Task.FromResult(name);
    }

    public async IAsyncEnumerable<CategoryImport> ImportsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<CategoryImport> imports;
        lock (_lock)
        {
            imports = [.. _imports.Select(i => new CategoryImport(i.Key, i.Value))];
        }

        foreach (var import in imports)
        {
            await Task.Yield();
            yield return import;
        }
    }

    public Task RecordRunAsync(CategoryRetrainRun run, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Runs.Add(run);
        }

        return Task.CompletedTask;
    }
}
