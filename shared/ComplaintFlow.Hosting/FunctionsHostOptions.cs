namespace ComplaintFlow.Hosting;

/// <summary>Where the worker's build output is, where the host serves HTTP, and the app settings the worker runs with.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The worker's build output: host.json, functions.metadata, worker.config.json and the worker dll.</summary>
    public required string ScriptRoot { get; init; }

    /// <summary>Where the host serves HTTP; port 0 picks a free port (<see cref="LocalFunctionsHost.Address"/> has the real one).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>App settings, keys with ':' or '__'. They win over the host's environment and reach the worker as environment variables.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// How long a received queue message stays invisible; renewed at half that while its invocation runs, so after a
    /// crash the message is delivered again within one lease. Also settable by the setting <c>Hosting:MessageLease</c>.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// App settings as the Functions host sees them: the host's environment overlaid with the configured settings, keys
/// compared case-insensitively with '__' and ':' the same.
/// </summary>
public sealed class AppSettings
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public AppSettings(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            _values[Normalize((string)variable.Key)] = (string?)variable.Value;
        }

        foreach (var (key, value) in settings)
        {
            _values[Normalize(key)] = value;
        }

        Configured = settings;
    }

    /// <summary>The settings given to the host (not the inherited environment); the worker gets them as environment variables.</summary>
    public IReadOnlyDictionary<string, string?> Configured { get; }

    public string? this[string key] => _values.GetValueOrDefault(Normalize(key));

    /// <summary>The host's own switch for one function: <c>AzureWebJobs.&lt;name&gt;.Disabled</c> set to true.</summary>
    public bool IsDisabled(string function) => bool.TryParse(this[$"AzureWebJobs.{function}.Disabled"], out var disabled) && disabled;

    /// <summary>Replaces every <c>%Name%</c> with the setting's value, as the Functions host resolves binding expressions; an empty value is allowed.</summary>
    public string Resolve(string expression, string function)
    {
        var result = new System.Text.StringBuilder();
        var position = 0;
        while (position < expression.Length)
        {
            var start = expression.IndexOf('%', position);
            var end = start < 0 ? -1 : expression.IndexOf('%', start + 1);
            if (end < 0)
            {
                result.Append(expression, position, expression.Length - position);
                break;
            }

            result.Append(expression, position, start - position);
            var key = expression[(start + 1)..end];
            result.Append(this[key] ?? throw new InvalidDataException($"Function {function} refers to app setting '{key}', which is not set."));
            position = end + 1;
        }

        return result.ToString();
    }

    /// <summary>
    /// The storage connection string a binding names: an empty name means <c>AzureWebJobsStorage</c>; otherwise the
    /// setting itself, then <c>AzureWebJobs&lt;name&gt;</c>, as the Functions host looks it up.
    /// </summary>
    public string StorageConnection(string? connection, string function)
    {
        var name = string.IsNullOrEmpty(connection) ? "AzureWebJobsStorage" : connection;
        return this[name] ?? this["AzureWebJobs" + name] ?? this["ConnectionStrings:" + name]
            ?? throw new InvalidDataException($"Function {function}: the storage connection setting '{name}' is not set.");
    }

    private static string Normalize(string key) => key.Replace("__", ":", StringComparison.Ordinal);
}
