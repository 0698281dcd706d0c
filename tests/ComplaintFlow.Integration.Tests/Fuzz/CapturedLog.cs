using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Integration.Tests.Fuzz;

/// <summary>Keeps every Error or Critical entry, and every entry carrying an exception, that the app logs.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _failures = new();

    public IReadOnlyCollection<string> Failures => _failures;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _failures);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> failures) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error || exception is not null)
            {
                failures.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
