using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Npgsql;

namespace CommitmentTracker.Infrastructure.Caching;

/// <summary>
/// What the event store held when a snapshot was taken: the highest sequence number, and how many events lie in the
/// <see cref="Window"/> numbers up to it.
/// </summary>
public readonly record struct EventsMark(long Max, long Recent)
{
    public const int Window = 1000;

    public static string Sql(IDocumentStore store)
    {
        var names = EventTableNames.Of(store);
        var (events, seq) = (names.Table, names.SequenceColumn);
        // The last Window rows hold every number of the window. Counting among them, not over a range, keeps the
        // planner's estimate at ~40 instead of ~15,000 (1.4M events), so it cannot tip the stats statement into JIT.
        return $"""
            select v.max_seq,
                   (select count(*) from (select {seq} from {events} order by {seq} desc limit {Window}) w
                    where w.{seq} > v.max_seq - {Window}) as recent
            from (select coalesce(max({seq}), 0) as max_seq from {events}) v
            """;
    }

    public static async Task<EventsMark> Read(IQuerySession session, IDocumentStore store, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql(store));
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        await reader.ReadAsync(ct);
        return new EventsMark(reader.GetInt64(0), reader.GetInt64(1));
    }
}
