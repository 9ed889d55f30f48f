using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Infrastructure.Time;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// One event about a commitment: the stream it came from, what, when it took effect (<c>At</c>, which asOf judges by),
/// who (with role and organisation), why, and when it was recorded.
/// </summary>
public sealed record HistoryEntry(
    long Version, long Sequence, string Stream, string Type, DateTimeOffset At, string? Actor, string? Role, string? Organisation,
    string? Reason, string? CorrelationId, object Data)
{
    /// <summary>When PostgreSQL stored the event; later than <c>At</c> for a change entered with its real, earlier date.</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The writer's name (the API key's, or the person's from sign-in), beside <c>Actor</c>, its stable id.</summary>
    public string? ActorName { get; init; }
}

public static class CommitmentHistory
{
    public static HistoryEntry Entry(IEvent e) => new(
        e.Version, e.Sequence, e.StreamKey ?? e.StreamId.ToString(), e.EventTypeName,
        e.Data is IDomainEvent d ? d.At : e.Timestamp,
        e.Data is IDomainEvent by ? by.By : e.UserName,
        Header(e, "role"), Header(e, "organisation"),
        (e.Data as IHasReason)?.Reason, e.CorrelationId, e.Data) { RecordedAt = e.Timestamp, ActorName = Header(e, "actorName") };

    /// <summary>
    /// The state as of the end of <paramref name="asOf"/> (UTC): the stream folded by Marten's aggregator up to the last
    /// event decided by then. Events carry business time from the app clock, so the cut-off is found on that, not on
    /// the database's timestamps. Null when the commitment did not exist yet (or at all).
    /// </summary>
    public static async Task<Commitment?> FoldAsOf(IQuerySession session, IReadOnlyList<IEvent> stream, DateOnly asOf, CancellationToken ct)
    {
        var (state, version) = await StreamHistory.FoldAsOf<Commitment>(session, stream, asOf, ct);
        if (state is not null) state.Version = version;
        return state;
    }

    /// <summary>A header <c>ActorSessionFactory</c> stamped on the event (actor, actorName, role, organisation, requestId).</summary>
    public static string? Header(IEvent e, string name) =>
        e.Headers is { } h && h.TryGetValue(name, out var value) ? value?.ToString() : null;
}
