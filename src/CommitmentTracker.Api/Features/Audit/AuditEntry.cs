using System.Text.Json;

namespace CommitmentTracker.Features.Audit;

/// <summary>One stored event with who wrote it: the actor, role and organisation, and the ids to trace the request.</summary>
public sealed record AuditEntry(
    long Sequence, string StreamId, string Type, long Version, DateTimeOffset Timestamp,
    string? Actor, string? ActorName, string? Role, string? Organisation, string? CorrelationId, string? RequestId,
    JsonElement Data);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);
