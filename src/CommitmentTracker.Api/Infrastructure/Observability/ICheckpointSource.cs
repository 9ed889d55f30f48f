namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>
/// A background consumer of the event log that keeps its own checkpoint outside Marten's progression table
/// (a webhook subscription, say). Register one and <see cref="ProjectionLag"/> reports its lag too.
/// </summary>
public interface ICheckpointSource
{
    Task<IReadOnlyList<Checkpoint>> Checkpoints(CancellationToken ct);
}

/// <summary>The last event sequence a consumer has fully processed.</summary>
public sealed record Checkpoint(string Consumer, long Sequence);
