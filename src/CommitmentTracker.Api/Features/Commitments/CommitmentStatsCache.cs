using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

/// <summary><c>Stats:Cache</c> (default true): whether <see cref="CommitmentStatsCache"/> reuses results.</summary>
public sealed record StatsOptions
{
    public const string Section = "Stats";

    public bool Cache { get; init; } = true;
}

/// <summary>
/// What the event store held when a snapshot was taken: the highest sequence number, and how many events lie in the
/// <see cref="Window"/> numbers up to it.
/// </summary>
public readonly record struct EventsMark(long Max, long Recent)
{
    public const int Window = 1000;

    public static string Sql(IDocumentStore store)
    {
        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        // The last Window rows hold every number of the window. Counting among them, not over a range, keeps the
        // planner's estimate at ~40 instead of ~15,000 (1.4M events), so it cannot tip the stats statement into JIT.
        return $"""
            select v.max_seq,
                   (select count(*) from (select seq_id from {events} order by seq_id desc limit {Window}) w
                    where w.seq_id > v.max_seq - {Window}) as recent
            from (select coalesce(max(seq_id), 0) as max_seq from {events}) v
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

/// <summary>
/// Dashboard stats, reused only while they are provably what a fresh computation would return. Each result is stored
/// with the <see cref="EventsMark"/> read in its own snapshot; a request reads the mark again (one indexed query) and
/// reuses the result if the mark is unchanged. Every change to the read model commits with its events (inline
/// projections), and a committed event either raises the highest number or, when its transaction drew the number
/// before a later one committed, fills a gap among the last <see cref="EventsMark.Window"/> numbers and raises the count.
/// Missed: a transaction that stays open while <see cref="EventsMark.Window"/> later events commit, the same
/// long-transaction caveat as the change feed (CommittedSequence); and read-model writes without events (a projection
/// rebuild), which the cache of a running process cannot see.
/// </summary>
public sealed class CommitmentStatsCache(IDocumentStore store, IOptions<StatsOptions> options)
{
    public const int Capacity = 256;

    private readonly record struct Key(string Schema, StatsGroupBy GroupBy, CommitmentFilter Filter, DateOnly Today);

    private sealed record Entry(CommitmentStatsRow[] Rows, EventsMark Mark);

    /// <summary>One key's result, and the gate that lets only one request at a time compute it.</summary>
    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Entry? Entry { get; set; }
        public long LastUsed { get; set; }
    }

    private readonly Dictionary<Key, Slot> slots = [];
    private long uses;

    public async Task<CommitmentStatsRow[]> Get(IQuerySession session, StatsGroupBy groupBy, CommitmentFilter filter, DateOnly today, CancellationToken ct)
    {
        if (!options.Value.Cache) return (await CommitmentStats.Compute(session, store, groupBy, filter, today, ct)).Rows;
        var slot = SlotFor(new Key(store.Options.DatabaseSchemaName, groupBy, filter, today));
        var seen = slot.Entry;
        if (seen is not null && seen.Mark == await EventsMark.Read(session, store, ct)) return seen.Rows;
        await slot.Gate.WaitAsync(ct);
        try
        {
            // Computed by another request while this one waited: still current only if the mark has not moved since.
            if (slot.Entry is { } done && !ReferenceEquals(done, seen) && done.Mark == await EventsMark.Read(session, store, ct)) return done.Rows;
            var (rows, mark) = await CommitmentStats.Compute(session, store, groupBy, filter, today, ct);
            slot.Entry = new Entry(rows, mark);
            return rows;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private Slot SlotFor(Key key)
    {
        lock (slots)
        {
            if (!slots.TryGetValue(key, out var slot))
            {
                if (slots.Count >= Capacity) slots.Remove(slots.MinBy(s => s.Value.LastUsed).Key);
                slots.Add(key, slot = new Slot());
            }
            slot.LastUsed = ++uses;
            return slot;
        }
    }
}

public static class CommitmentStatsSetup
{
    public static IServiceCollection AddCommitmentStats(this IServiceCollection services)
    {
        services.AddOptions<StatsOptions>().BindConfiguration(StatsOptions.Section);
        return services.AddSingleton<CommitmentStatsCache>();
    }
}
