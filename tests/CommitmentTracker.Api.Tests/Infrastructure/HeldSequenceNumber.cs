using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// A transaction that has drawn the next event sequence number and holds it, as a slow append does: the change feed
/// must not read past it until it ends.
/// </summary>
public sealed class HeldSequenceNumber : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private HeldSequenceNumber(NpgsqlConnection connection, NpgsqlTransaction transaction, long number) =>
        (this.connection, this.transaction, Number) = (connection, transaction, number);

    public long Number { get; }
    public bool StillOpen => transaction.Connection is not null;

    public static async Task<HeldSequenceNumber> Take(ApiFactory api)
    {
        var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var reserve = new NpgsqlCommand($"select nextval('{api.Schema}.mt_events_sequence')", connection, transaction);
        return new HeldSequenceNumber(connection, transaction, (long)(await reserve.ExecuteScalarAsync())!);
    }

    public Task RollBack() => transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
