using CommitmentTracker.Infrastructure.Http;
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
}
