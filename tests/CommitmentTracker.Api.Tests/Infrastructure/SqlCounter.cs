using System.Collections.Concurrent;
using Marten;
using Marten.Services;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>Counts the SQL round trips Marten makes, so a test can show batching keeps them flat, or which queries ran.</summary>
public sealed class SqlCounter : IMartenLogger, IMartenSessionLogger
{
    private readonly ConcurrentQueue<string> texts = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>How many of the commands so far contained <paramref name="fragment"/>.</summary>
    public int CountOf(string fragment) => texts.Count(t => t.Contains(fragment, StringComparison.Ordinal));

    public IMartenSessionLogger StartSession(IQuerySession session) => this;
    public void SchemaChange(string sql) { }
    public void LogSuccess(NpgsqlCommand command) => Record(command.CommandText);
    public void LogSuccess(NpgsqlBatch batch) => Record(Text(batch));
    public void LogFailure(NpgsqlCommand command, Exception ex) => Record(command.CommandText);
    public void LogFailure(NpgsqlBatch batch, Exception ex) => Record(Text(batch));
    public void LogFailure(Exception ex, string message) { }
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Record(string text)
    {
        Interlocked.Increment(ref count);
        texts.Enqueue(text);
    }

    private static string Text(NpgsqlBatch batch) => string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));
}
