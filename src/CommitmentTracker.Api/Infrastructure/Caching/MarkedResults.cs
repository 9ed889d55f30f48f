using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Caching;

/// <summary>
/// Results of reads over the read model, reused only while they are provably what a fresh computation would return.
/// Each result is stored with an <see cref="EventsMark"/> read no later than the result's own snapshot; a request reads
/// the mark again (one indexed query) and reuses the result if the mark is unchanged. Every change to the read model
/// commits with its events (inline projections), and a committed event either raises the highest number or, when its
/// transaction drew the number before a later one committed, fills a gap among the last <see cref="EventsMark.Window"/>
/// numbers and raises the count. Missed: a transaction that stays open while <see cref="EventsMark.Window"/> later
/// events commit, the same long-transaction caveat as the change feed (CommittedSequence); and read-model writes without
/// events (a projection rebuild), which the cache of a running process cannot see.
/// </summary>
public sealed class MarkedResults<TKey, TValue>(IOptions<ResultCacheOptions> options) where TKey : notnull
{
    public const int Capacity = 256;

    private sealed record Entry(TValue Value, EventsMark Mark);

    /// <summary>One key's result, and the gate that lets only one request at a time compute it.</summary>
    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Entry? Entry { get; set; }
        public long LastUsed { get; set; }
    }

    private readonly Dictionary<TKey, Slot> slots = [];
    private long uses;

    /// <param name="compute">The result and a mark read no later than the snapshot it was computed in.</param>
    public async Task<TValue> Get(TKey key, Func<Task<EventsMark>> readMark, Func<Task<(TValue Value, EventsMark Mark)>> compute, CancellationToken ct) =>
        options.Value.Enabled ? await Reuse(key, readMark, _ => compute(), ct) : (await compute()).Value;

    /// <summary>
    /// For a result read without its mark: it is stored with the mark this call read last before computing it, or one
    /// read just then. An older mark than the result's snapshot only makes a reuse rarer, never wrong.
    /// </summary>
    public async Task<TValue> Get(TKey key, Func<Task<EventsMark>> readMark, Func<Task<TValue>> compute, CancellationToken ct) =>
        options.Value.Enabled
            ? await Reuse(key, readMark, async latest => { var mark = latest ?? await readMark(); return (await compute(), mark); }, ct)
            : await compute();

    /// <param name="compute">Given the mark this call read last, if any.</param>
    private async Task<TValue> Reuse(TKey key, Func<Task<EventsMark>> readMark, Func<EventsMark?, Task<(TValue Value, EventsMark Mark)>> compute, CancellationToken ct)
    {
        var slot = SlotFor(key);
        var seen = slot.Entry;
        EventsMark? latest = null;
        if (seen is not null && seen.Mark == (latest = await readMark())) return seen.Value;
        await slot.Gate.WaitAsync(ct);
        try
        {
            // Computed by another request while this one waited: still current only if the mark has not moved since.
            if (slot.Entry is { } done && !ReferenceEquals(done, seen) && done.Mark == (latest = await readMark())) return done.Value;
            var (value, mark) = await compute(latest);
            slot.Entry = new Entry(value, mark);
            return value;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private Slot SlotFor(TKey key)
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
