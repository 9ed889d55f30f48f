using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Features.Commitments;

/// <summary>One event in a stream's history: what, when, who (with role and organisation), why.</summary>
public sealed record HistoryEntry(
    long Version, long Sequence, string Type, DateTimeOffset At, string? Actor, string? Role, string? Organisation,
    string? Reason, string? CorrelationId, object Data);

public static class CommitmentHistory
{
    public static async Task<IReadOnlyList<IEvent>> Events(IQuerySession session, string id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return events.Count == 0 ? throw new ResourceNotFound("Commitment", id) : events;
    }

    public static HistoryEntry Entry(IEvent e) => new(
        e.Version, e.Sequence, e.EventTypeName,
        e.Data is IDomainEvent d ? d.At : e.Timestamp,
        e.Data is IDomainEvent by ? by.By : e.UserName,
        Header(e, "role"), Header(e, "organisation"),
        (e.Data as IHasReason)?.Reason, e.CorrelationId, e.Data);

    /// <summary>
    /// The state as of the end of <paramref name="asOf"/> (UTC): the stream aggregated by Marten up to the last event
    /// decided by then. Events carry business time from the app clock, so the cut-off is found on that, not on
    /// the database's timestamps. Null when the commitment did not exist yet (or at all).
    /// </summary>
    public static async Task<Commitment?> AsOfAsync(IQuerySession session, string id, DateOnly asOf, CancellationToken ct)
    {
        var cutoff = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        var last = events.LastOrDefault(e => e.Data is IDomainEvent d && d.At < cutoff);
        return last is null ? null : await session.Events.AggregateStreamAsync<Commitment>(id, version: last.Version, token: ct);
    }

    /// <summary>A header <c>ActorSessionFactory</c> stamped on the event (actor, actorName, role, organisation, requestId).</summary>
    public static string? Header(IEvent e, string name) =>
        e.Headers is { } h && h.TryGetValue(name, out var value) ? value?.ToString() : null;
}
