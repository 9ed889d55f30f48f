using CommitmentTracker.Features.Assessments;
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

    /// <summary>The state as of the end of <paramref name="asOf"/> (UTC), folded from the events decided by then.</summary>
    public static Commitment? AsOf(IReadOnlyList<IEvent> events, DateOnly asOf)
    {
        var cutoff = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Commitment? state = null;
        foreach (var e in events.Where(e => e.Data is IDomainEvent d && d.At < cutoff))
        {
            state = e.Data switch
            {
                CommitmentMade made => Commitment.Create(made),
                CommitmentRevised x => state!.Apply(x),
                MilestoneAdded x => state!.Apply(x),
                MilestoneProgressReported x => state!.Apply(x),
                MilestoneRescheduled x => state!.Apply(x),
                CommitmentCompletionChanged x => state!.Apply(x),
                CommitmentWithdrawn x => state!.Apply(x),
                IrmDesignAssessed x => state!.Apply(x),
                IrmResultsAssessed x => state!.Apply(x),
                _ => state,
            };
            if (state is not null) state.Version = (int)e.Version;
        }
        return state;
    }

    private static string? Header(IEvent e, string name) =>
        e.Headers is { } h && h.TryGetValue(name, out var value) ? value?.ToString() : null;
}
