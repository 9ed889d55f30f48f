using JasperFx.Events;
using JasperFx.Events.Aggregation;
using Marten;

namespace CommitmentTracker.Generator;

/// <summary>A read model's document folded from one whole stream, with the <c>mt_version</c> the inline projection gave it.</summary>
public sealed record FoldedDocument(string StreamKey, object Document, long Version);

/// <summary>One inline snapshot projection, folded by Marten's own aggregator (as <c>AggregateStreamAsync</c> does).</summary>
public interface IReadModelFold
{
    Type DocumentType { get; }

    /// <summary>The projection's name, the first part of its shard names in mt_event_progression.</summary>
    string ProjectionName { get; }

    /// <summary>The stream's document, or null when the projection takes none of its events (inline wrote none).</summary>
    ValueTask<FoldedDocument?> FoldAsync(IReadOnlyList<IEvent> stream, IQuerySession session, CancellationToken ct);
}

public sealed class ReadModelFold<T> : IReadModelFold where T : class
{
    private readonly IAggregator<T, IQuerySession> aggregator;
    private readonly JasperFxAggregationProjectionBase<T, string, IDocumentOperations, IQuerySession> projection;
    private readonly Dictionary<Type, bool> takes = [];

    public ReadModelFold(StoreOptions options)
    {
        aggregator = options.Projections.AggregatorFor<T>();
        projection = aggregator as JasperFxAggregationProjectionBase<T, string, IDocumentOperations, IQuerySession>
            ?? throw new NotSupportedException($"{typeof(T).Name} is folded by {aggregator.GetType()}, not a string-keyed single-stream projection.");
    }

    public Type DocumentType => typeof(T);

    public string ProjectionName => projection.Name;

    public async ValueTask<FoldedDocument?> FoldAsync(IReadOnlyList<IEvent> stream, IQuerySession session, CancellationToken ct)
    {
        var lastTaken = LastIndexTaken(stream);
        if (lastTaken < 0) return null;
        var document = await aggregator.BuildAsync(stream, session, null, ct);
        return document is null ? null : new FoldedDocument(stream[0].StreamKey!, document, VersionWritten(stream, lastTaken));
    }

    /// <summary>The projection's own test of which events it takes (what Marten screens inline appends with).</summary>
    private int LastIndexTaken(IReadOnlyList<IEvent> stream)
    {
        for (var i = stream.Count - 1; i >= 0; i--)
        {
            var type = stream[i].EventType;
            if (!takes.TryGetValue(type, out var taken)) takes[type] = taken = projection.AppliesTo([type]);
            if (taken) return i;
        }
        return -1;
    }

    /// <summary>
    /// Inline, Marten sets <c>mt_version</c> to the stream's version right after the append that last carried an event
    /// this projection takes; appends of only other events (progress reports, for the search words) leave the row alone.
    /// Marten stamps every event of one append with the same timestamp, so that append ends at the last event sharing
    /// the timestamp of the last event taken. (Marten's daemon rebuild writes that event's own version instead.)
    /// </summary>
    private static long VersionWritten(IReadOnlyList<IEvent> stream, int lastTaken)
    {
        var end = lastTaken;
        while (end + 1 < stream.Count && stream[end + 1].Timestamp == stream[lastTaken].Timestamp) end++;
        return stream[end].Version;
    }
}
