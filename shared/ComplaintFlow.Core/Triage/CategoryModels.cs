namespace ComplaintFlow.Core.Triage;

/// <summary>Where triage gets the category model it blends with the keywords (null: the keywords alone).</summary>
public interface ICategoryModelSource
{
    CategoryModelInUse? Current { get; }
}

/// <summary>A category model and its share of the decision (<see cref="CategoryBlend"/>).</summary>
/// <param name="Version">A stored version (v3), or <c>shipped</c> for the default.</param>
public sealed record CategoryModelInUse(LinearTextModel Model, double Weight, string Version)
{
    public const string Shipped = "shipped";

    /// <summary>The shipped default at the policy's <c>categoryModel.weight</c>; null when that is 0 (the model is then not loaded).</summary>
    public static CategoryModelInUse? Default(TriagePolicy policy) =>
        policy.CategoryModel.Weight > 0 ? new CategoryModelInUse(LinearTextModel.DefaultCategory, policy.CategoryModel.Weight, Shipped) : null;
}

/// <summary>A fixed model (one a test or the training tool chose).</summary>
public sealed class FixedCategoryModel(LinearTextModel model, double weight) : ICategoryModelSource
{
    public CategoryModelInUse? Current { get; } = new(model, weight, "fixed");
}

/// <summary>One stored version of the category model and the figures it was accepted with.</summary>
/// <param name="Version">v1, v2 … in the order they were stored.</param>
/// <param name="Examples">Rows it was trained on (the held-out share not included).</param>
/// <param name="ValidationMacroF1">Macro-F1 of triage's category (keywords + this model at <paramref name="Weight"/>) on the held-out share.</param>
/// <param name="Weight">Its share beside the keywords, chosen on the held-out share.</param>
public sealed record CategoryModelVersion(string Version, DateTimeOffset TrainedAt, int Examples, int HeldOut, double ValidationMacroF1, double Weight)
{
    /// <summary>The number in "v12" (0 for a name that is not a version).</summary>
    public int Number => Version.Length > 1 && Version[0] == 'v' && int.TryParse(Version.AsSpan(1), out var n) ? n : 0;
}

/// <summary>An imported <c>text,category</c> file as stored (its rows were checked when it was imported).</summary>
public sealed record CategoryImport(string Name, string Csv);

/// <summary>
/// Blob container <c>models</c> (with the app's name prefix): category model versions, a pointer to the current one,
/// imported labelled files and the record of each retrain run.
/// </summary>
public interface ICategoryModelStore
{
    /// <summary>The version the pointer names; null before any model was accepted.</summary>
    Task<CategoryModelVersion?> CurrentAsync(CancellationToken cancellationToken);

    Task<LinearTextModel> LoadAsync(string version, CancellationToken cancellationToken);

    Task<IReadOnlyList<CategoryModelVersion>> VersionsAsync(CancellationToken cancellationToken);

    /// <summary>Stores the model as the next version (not yet current) and returns its name.</summary>
    Task<CategoryModelVersion> AddAsync(LinearTextModel model, DateTimeOffset trainedAt, int examples, int heldOut, double validationMacroF1, double weight, CancellationToken cancellationToken);

    /// <summary>Points "current" at a stored version.</summary>
    Task SetCurrentAsync(string version, CancellationToken cancellationToken);

    /// <summary>Stores an imported file under a name derived from its content (the same file twice is one import).</summary>
    Task<string> ImportAsync(string csv, DateTimeOffset at, CancellationToken cancellationToken);

    IAsyncEnumerable<CategoryImport> ImportsAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the record of one retrain run (figures and counts only, no text).</summary>
    Task RecordRunAsync(CategoryRetrainRun run, CancellationToken cancellationToken);
}

/// <summary>
/// The category model triage uses: the current version in the store when there is one, else the shipped default.
/// <see cref="RefreshAsync"/> (called periodically) reads the pointer and loads a new version when it moved; until
/// then, and when the store cannot be read, the model in hand stays.
/// </summary>
public sealed class CategoryModels(ICategoryModelStore store, CategoryModelInUse? shipped) : ICategoryModelSource
{
    private volatile CategoryModelInUse? _loaded;

    public CategoryModelInUse? Current => _loaded ?? shipped;

    /// <summary>The stored version in use, or null for the shipped default (or none).</summary>
    public string? CurrentVersion => _loaded?.Version;

    /// <returns>True when a different model was loaded.</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var current = await store.CurrentAsync(cancellationToken);
        if (current is null || current.Version == _loaded?.Version)
        {
            return false;
        }

        var model = await store.LoadAsync(current.Version, cancellationToken);
        _loaded = new CategoryModelInUse(model, current.Weight, current.Version);
        return true;
    }
}
