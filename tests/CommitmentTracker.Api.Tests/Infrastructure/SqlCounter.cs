using Marten;
using Marten.Services;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>Counts the SQL round trips Marten makes, so a test can show batching keeps them flat.</summary>
public sealed class SqlCounter : IMartenLogger, IMartenSessionLogger
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public IMartenSessionLogger StartSession(IQuerySession session) => this;
    public void SchemaChange(string sql) { }
    public void LogSuccess(NpgsqlCommand command) => Interlocked.Increment(ref count);
    public void LogSuccess(NpgsqlBatch batch) => Interlocked.Increment(ref count);
    public void LogFailure(NpgsqlCommand command, Exception ex) => Interlocked.Increment(ref count);
    public void LogFailure(NpgsqlBatch batch, Exception ex) => Interlocked.Increment(ref count);
    public void LogFailure(Exception ex, string message) { }
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }
}
