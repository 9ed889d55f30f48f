using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// A table locked against writes by an open transaction, so that writers queue up behind it and can be let go together:
/// how a test makes two requests meet inside their writes instead of hoping they do.
/// </summary>
public sealed class HeldTable : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string table;
    private readonly string connectionString;

    private HeldTable(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string connectionString) =>
        (this.connection, this.transaction, this.table, this.connectionString) = (connection, transaction, table, connectionString);

    public static async Task<HeldTable> Lock(ApiFactory api, string qualifiedTable)
    {
        var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        // EXCLUSIVE blocks every insert and update but still lets readers through.
        await using var lockTable = new NpgsqlCommand($"lock table {qualifiedTable} in exclusive mode", connection, transaction);
        await lockTable.ExecuteNonQueryAsync();
        return new HeldTable(connection, transaction, qualifiedTable, api.ConnectionString);
    }

    public async Task UntilWaiting(int writers, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        await using var probe = new NpgsqlConnection(connectionString);
        await probe.OpenAsync();
        while (true)
        {
            // Writers queue behind the lock or behind each other (a row one of them already locked): count the chain.
            await using var count = new NpgsqlCommand("""
                with recursive blocked(pid) as (
                  select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))
                  union select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid)))
                select count(*) from blocked
                """, probe);
            count.Parameters.AddWithValue(connection.ProcessID);
            var waiting = (long)(await count.ExecuteScalarAsync())!;
            if (waiting >= writers) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{waiting} of {writers} writers waited on {table}.");
            await Task.Delay(20);
        }
    }

    public Task Release() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
