using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Generator;

/// <summary>
/// Every event of the store, read once through Marten (so types and metadata deserialize as Marten does) and handed out
/// one whole stream at a time, in version order. The order by stream key and version is the unique index on mt_events,
/// so PostgreSQL streams the rows without sorting and only the current stream is held in memory.
/// </summary>
public static class EventStreams
{
    public static async IAsyncEnumerable<IReadOnlyList<IEvent>> ReadAsync(IQuerySession session, [EnumeratorCancellation] CancellationToken ct)
    {
        var events = session.Events.QueryAllRawEvents().OrderBy(e => e.StreamKey).ThenBy(e => e.Version);
        List<IEvent>? stream = null;
        await foreach (var e in events.ToAsyncEnumerable(ct))
        {
            if (stream is not null && stream[0].StreamKey != e.StreamKey)
            {
                yield return stream;
                stream = null;
            }
            (stream ??= []).Add(e);
        }
        if (stream is not null) yield return stream;
    }
}
