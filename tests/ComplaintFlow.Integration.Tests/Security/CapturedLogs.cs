using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every entry of every category at every level: the formatted message,
/// each state value, every enclosing scope (text and values) and the whole exception text.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

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
            owner._lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} | state: {Values(state)} | scopes: {string.Join(" / ", scopes)} | exception: {exception}");
        }
    }
}
