using System.Collections.Concurrent;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using CommitmentTracker.Infrastructure.Configuration;
using Npgsql;

namespace CommitmentTracker.Features.Changes;

/// <summary><c>ChangeFeed:LiveGapTimeout</c> (default 2 minutes): how long a sequence gap may stay open before the feed skips it.</summary>
public sealed class ChangeFeedOptions : ISettings
{
    public static string Section => "ChangeFeed";

    [PositiveDuration] public TimeSpan LiveGapTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>How far the feed may safely read, from <paramref name="Sequence"/>; <paramref name="More"/>: committed events lie beyond it.</summary>
public readonly record struct SafeMark(long Sequence, bool More);

/// <summary>
/// The high-water rule of the change feed and the webhook dispatcher.
/// <para>
/// Marten takes an event's sequence number before its transaction commits, so a reader can see 12 committed while 11 is
/// still in flight: reading past 11 now would skip it forever. So the mark stops before the first missing number, unless
/// that number is proven dead (its transaction rolled back). Proof: when a gap is first seen at time t, the transaction
/// holding it had already begun (it took the number before a later one committed). Once no transaction that began at or
/// before t still holds the event sequence, and the number is still missing on a fresh read, it never will appear.
/// A gap held open longer than <c>ChangeFeed:LiveGapTimeout</c> by some long transaction is skipped anyway (logged).
/// </para>
/// Which gaps were first seen when, and which are dead, is kept per process: a restart only means waiting once more.
/// </summary>
public sealed class CommittedSequence(IDocumentStore store, ChangeFeedOptions options, ILogger<CommittedSequence> log)
{
    private readonly ConcurrentDictionary<long, DateTime> firstSeen = new();
    private readonly ConcurrentDictionary<long, byte> dead = new();
    private readonly TimeSpan liveGapTimeout = options.LiveGapTimeout;
    private readonly EventTableNames events = EventTableNames.Of(store);

    /// <summary>The highest sequence after <paramref name="after"/>, within the next <paramref name="window"/> events, with no open gap below it.</summary>
    public async Task<SafeMark> After(long after, int window, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var (sequences, now) = await Committed(connection, after, window, ct);
        var (mark, gap) = Walk(after, sequences);
        if (gap is null) return new SafeMark(mark, sequences.Count == window);

        foreach (var missing in gap) firstSeen.TryAdd(missing, now);
        var oldestOpen = await OldestOpenTransaction(connection, ct);
        // Re-read after the liveness check: a transaction that committed meanwhile is visible now.
        (sequences, now) = await Committed(connection, after, window, ct);
        while (true)
        {
            (mark, gap) = Walk(after, sequences);
            if (gap is null) break;
            var seen = gap.Select(g => firstSeen.GetOrAdd(g, now)).ToArray();
            var provenDead = seen.All(t => t < oldestOpen);
            if (!provenDead && seen.Any(t => now - t < liveGapTimeout)) break;
            if (!provenDead) log.LogWarning("Change feed skips sequence {First}..{Last}: held open past {Timeout} by a long transaction.", gap[0], gap[^1], liveGapTimeout);
            foreach (var g in gap) dead.TryAdd(g, 0);
        }
        foreach (var resolved in firstSeen.Keys.Where(k => k <= mark)) firstSeen.TryRemove(resolved, out _);
        return new SafeMark(mark, gap is null && sequences.Count == window);
    }

    /// <summary>Walks the committed numbers from <paramref name="after"/>; stops before the first missing number not known dead.</summary>
    private (long Mark, long[]? Gap) Walk(long after, IReadOnlyList<long> sequences)
    {
        var mark = after;
        foreach (var sequence in sequences)
        {
            if (sequence > mark + 1)
            {
                var missing = Range(mark + 1, sequence - 1).Where(m => !dead.ContainsKey(m)).ToArray();
                if (missing.Length > 0) return (mark, missing);
            }
            mark = sequence;
        }
        return (mark, null);
    }

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var i = from; i <= to; i++) yield return i;
    }

    private async Task<(List<long> Sequences, DateTime Now)> Committed(NpgsqlConnection connection, long after, int window, CancellationToken ct)
    {
        // clock_timestamp() runs after the statement's snapshot is taken: any transaction holding a gap seen here began before it.
        await using var command = new NpgsqlCommand(
            $"select clock_timestamp(), array(select {events.SequenceColumn} from {events.Table} where {events.SequenceColumn} > $1 order by {events.SequenceColumn} limit $2)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = window });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetFieldValue<long[]>(1).ToList(), reader.GetFieldValue<DateTime>(0));
    }

    /// <summary>
    /// When the oldest open transaction that has drawn from this store's event sequence began; now when none has.
    /// <c>nextval</c> holds a lock on the sequence until its transaction ends, so this ignores unrelated long transactions
    /// (another schema's, a report's) that could not hold one of our numbers.
    /// </summary>
    private async Task<DateTime> OldestOpenTransaction(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select coalesce(min(a.xact_start), clock_timestamp())
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'relation' and l.relation = to_regclass('{events.Sequence}')
              and l.pid <> pg_backend_pid() and a.xact_start is not null
            """, connection);
        return (DateTime)(await command.ExecuteScalarAsync(ct))!;
    }
}
