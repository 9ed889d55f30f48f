using Marten;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// PostgreSQL's planner does not price reading a search row's words out of line (TOAST): for a common word it prefers
/// scanning every search row (500 ms at 100k commitments) to the full-text index (20 ms), and for a page in id order it
/// walks the id index testing each row's words (60 ms when the matches sit far down the order). Reads with <c>q</c>
/// run in a transaction that takes this setting first, which leaves the planner bitmap scans of the indexes.
/// </summary>
public static class SearchPlan
{
    public const string UseIndexes = "set local enable_seqscan = off; set local enable_indexscan = off";

    /// <summary>Runs <paramref name="read"/> in a transaction of its own that first takes <see cref="UseIndexes"/>.</summary>
    public static async Task<T> Run<T>(IDocumentStore store, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var plan = new NpgsqlCommand(UseIndexes, connection, transaction))
            await plan.ExecuteNonQueryAsync(ct);
        var result = await read(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }
}
