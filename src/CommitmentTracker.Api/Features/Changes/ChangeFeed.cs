using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue;
using CommitmentTracker.Features.Import;
using Marten;

namespace CommitmentTracker.Features.Changes;

/// <summary>Reads the global event sequence in order, never past the committed high-water mark. The feed endpoint and the webhook dispatcher share it.</summary>
public sealed class ChangeFeed(IDocumentStore store, CommittedSequence committed)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    // A filtered read walks the sequence in windows of this many events; any read walks at most this many windows per call.
    private const int FilteredWindow = 5_000;
    private const int Windows = 20;

    public async Task<ChangeFeedPage> Read(long after, int limit, ChangeFilter filter, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var items = new List<ChangeFeedItem>();
        var cursor = after;
        for (var window = 0; window < Windows; window++)
        {
            var mark = await committed.After(cursor, filter.IsEmpty ? limit : FilteredWindow, ct);
            if (mark.Sequence > cursor)
            {
                // Streams are looked up after the mark: every event up to it is committed, and so are the read models written with it.
                var streams = filter.ByStream ? await StreamsOf(session, filter, ct) : null;
                var events = await Events(session, cursor, mark.Sequence, limit - items.Count, streams, filter.Types, ct);
                items.AddRange(events);
                if (items.Count == limit) return new ChangeFeedPage(items, items[^1].Sequence, mark.Sequence);
                cursor = mark.Sequence;
            }
            if (!mark.More) break;
        }
        return new ChangeFeedPage(items, cursor, cursor);
    }

    private static async Task<IReadOnlyList<ChangeFeedItem>> Events(
        IQuerySession session, long after, long upTo, int take, string[]? streams, IReadOnlyCollection<string>? types, CancellationToken ct)
    {
        if (streams is { Length: 0 }) return [];
        // Marten fills the numbers of rolled-back appends with tombstones: they keep the sequence dense but are not changes.
        var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.Sequence <= upTo && e.EventTypeName != "tombstone");
        if (streams is not null) query = query.Where(e => streams.Contains(e.StreamKey));
        if (types is { Count: > 0 })
        {
            var names = types.ToArray();
            query = query.Where(e => names.Contains(e.EventTypeName));
        }
        var events = await query.OrderBy(e => e.Sequence).Take(take).ToListAsync(ct);
        return events.Select(ChangeFeedItem.From).ToList();
    }

    /// <summary>The streams of a member (its own, its plans and their import streams, its commitments, their CSO assessments and dialogue) or of one commitment (its own, its CSO assessments and dialogue).</summary>
    private static async Task<string[]> StreamsOf(IQuerySession session, ChangeFilter filter, CancellationToken ct)
    {
        string[] commitments;
        var streams = new List<string>();
        if (filter.Commitment is { } id)
        {
            var commitment = await session.LoadAsync<Commitment>(id, ct);
            if (commitment is null || filter.Member is { } m && commitment.MemberCode != m) return [];
            commitments = [id];
        }
        else
        {
            var member = filter.Member!;
            streams.Add(member);
            var plans = await session.Query<ActionPlan>().Where(p => p.MemberCode == member).Select(p => p.Id).ToListAsync(ct);
            streams.AddRange(plans);
            streams.AddRange(plans.Select(PlanImports.IdFor));
            commitments = (await session.Query<Commitment>().Where(c => c.MemberCode == member).Select(c => c.Id).ToListAsync(ct)).ToArray();
        }
        streams.AddRange(commitments);
        if (commitments.Length > 0)
        {
            streams.AddRange(await session.Query<CsoAssessment>().Where(a => commitments.Contains(a.CommitmentId)).Select(a => a.Id).ToListAsync(ct));
            streams.AddRange(await DialogueStreams.Of(session, commitments, ct));
        }
        return streams.ToArray();
    }
}
