using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Infrastructure.Time;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Features.Commitments;

public static class StreamHistory
{
    /// <summary>Every event of one stream (a member's, a plan's), in the history's words; a missing stream is 404.</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> Read(IQuerySession session, string what, string id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id.ToUpperInvariant(), token: ct);
        return events.Count == 0 ? throw new ResourceNotFound(what, id) : events.Select(CommitmentHistory.Entry).ToList();
    }

    /// <summary>
    /// The state as of the end of <paramref name="asOf"/> (UTC): the stream folded by Marten's aggregator up to the last
    /// event whose business time (<see cref="IDomainEvent.At"/>, a write's effectiveOn) is before then, with that event's
    /// version. Null when the stream had not begun by then.
    /// </summary>
    public static async Task<(T? State, int Version)> FoldAsOf<T>(IQuerySession session, IReadOnlyList<IEvent> stream, DateOnly asOf, CancellationToken ct) where T : class
    {
        var cutoff = BusinessDay.EndOf(asOf);
        var upTo = -1;
        for (var i = 0; i < stream.Count; i++)
            if (stream[i].Data is IDomainEvent d && d.At < cutoff) upTo = i;
        if (upTo < 0) return (null, 0);
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<T>();
        return (await aggregator.BuildAsync(stream.Take(upTo + 1).ToList(), session, null, ct), (int)stream[upTo].Version);
    }

    /// <summary><see cref="FoldAsOf{T}"/> over one stream read by its key, given its version; a stream not begun by then is 404.</summary>
    public static async Task<T> AsOf<T>(IQuerySession session, string what, string id, DateOnly asOf, Action<T, int> setVersion, CancellationToken ct) where T : class
    {
        var (state, version) = await FoldAsOf<T>(session, await session.Events.FetchStreamAsync(id.ToUpperInvariant(), token: ct), asOf, ct);
        if (state is null) throw new ResourceNotFound($"{what} as of {asOf:yyyy-MM-dd}", id);
        setVersion(state, version);
        return state;
    }
}
