using Npgsql;

namespace CommitmentTracker.Generator;

/// <summary>
/// The rebuilt projections' rows in mt_event_progression, if any (a daemon rebuild may have left them; inline
/// projections keep none): moved to the last event folded, so the API's projection-lag gauge, which reads every row as a
/// consumer, shows them caught up. Rows of other consumers, and the daemon's own high-water marks, are left alone.
/// </summary>
public static class ProjectionMarks
{
    public static async Task<int> CatchUpAsync(
        NpgsqlConnection connection, string schema, IEnumerable<string> projections, long lastSequence, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            update {schema}.mt_event_progression set last_seq_id = $1, last_updated = transaction_timestamp()
            where split_part(name, ':', 1) = any($2)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lastSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = projections.ToArray() });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
