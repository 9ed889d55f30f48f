using CommitmentTracker.Features.Commitments;
using JasperFx.Events;

namespace CommitmentTracker.Features.Audit;

/// <summary>One stored event with who wrote it: the actor, role and organisation, and the ids to trace the request.</summary>
public sealed record AuditEntry(
    long Sequence, string StreamId, string Type, long Version, DateTimeOffset Timestamp,
    string? Actor, string? ActorName, string? Role, string? Organisation, string? CorrelationId, string? RequestId,
    object Data)
{
    public static AuditEntry From(IEvent e) => new(
        e.Sequence, e.StreamKey ?? e.StreamId.ToString(), e.EventTypeName, e.Version, e.Timestamp,
        CommitmentHistory.Header(e, "actor"), CommitmentHistory.Header(e, "actorName"), CommitmentHistory.Header(e, "role"),
        CommitmentHistory.Header(e, "organisation"), e.CorrelationId, CommitmentHistory.Header(e, "requestId"), e.Data);
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);
