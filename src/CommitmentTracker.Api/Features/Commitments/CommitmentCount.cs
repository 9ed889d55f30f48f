using Marten;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// The total of a commitment list, counted apart from its page. Marten's <c>count(*) over()</c> would make PostgreSQL
/// join every match before the page's limit (seconds for a word in half of 100k commitments); counted alone, a search
/// reads only the full-text index and the narrow search rows.
/// </summary>
public static class CommitmentCount
{
    public static async Task<long> Of(IQuerySession session, CommitmentFilter filter, IQueryable<Commitment> filtered, CancellationToken ct)
    {
        var store = session.DocumentStore;
        var words = SearchWords.OfQuery(filter.Q);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (!string.IsNullOrWhiteSpace(filter.Q)) batch.BatchCommands.Add(new NpgsqlBatchCommand(SearchPlan.UseIndexes));
        if (words.Length > 0 && filter with { Q = null } == new CommitmentFilter())
        {
            // Only q: every commitment has one search row, so the search table alone holds the answer.
            var count = new NpgsqlBatchCommand($"select count(*) from {CommitmentSearch.Table(store)} as s where s.words @@ $1::tsquery");
            count.Parameters.Add(new NpgsqlParameter { Value = SearchWords.TsQuery(words) });
            batch.BatchCommands.Add(count);
        }
        else
        {
            var ids = filtered.Select(c => c.Id).ToCommand();
            var count = new NpgsqlBatchCommand($"select count(*) from ({ids.CommandText.TrimEnd(';')}) as matches");
            foreach (NpgsqlParameter p in ids.Parameters) count.Parameters.Add(p.Clone());
            batch.BatchCommands.Add(count);
        }
        var total = (long)(await batch.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return total;
    }
}
