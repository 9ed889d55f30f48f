using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// Everything the host logs, as the text a log sink would get: category, message, every structured value, every
/// scope value and the exception. Tests assert on it (what must never appear in logs, for one).
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new List<string> { category, formatter(state, exception), Values(state), exception?.ToString() ?? "" };
            capture.scopes.ForEachScope((scope, parts) => parts.Add(Values(scope)), text);
            capture.lines.Enqueue(string.Join(" | ", text));
        }

        private static string Values(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";
    }
}
