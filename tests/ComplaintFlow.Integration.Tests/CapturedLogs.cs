using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Integration.Tests;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every entry of every category at every level: the formatted message,
/// each state value, every enclosing scope (text and values) and the whole exception text. The tests that look for
/// personal data read every line; the fuzz tests read the <see cref="Failures"/>.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The entries at Error or Critical, and every entry carrying an exception.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Values(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
        ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
        : state?.ToString() ?? string.Empty;

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add($"{scope} {Values(scope)}"), scopes);
            var line = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} | state: {Values(state)} | scopes: {string.Join(" / ", scopes)} | exception: {exception}";
            owner._lines.Enqueue(line);
            if (logLevel >= LogLevel.Error || exception is not null)
            {
                owner._failures.Enqueue(line);
            }
        }
    }
}
