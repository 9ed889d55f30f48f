using System.Diagnostics.Metrics;
using CommitmentTracker.Infrastructure.Marten;
using Marten;

namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>
/// Lag = the last committed event sequence minus each consumer's checkpoint, in events. Consumers are Marten's async
/// projection shards and daemon high-water mark (rows of <c>mt_event_progression</c>) and every
/// <see cref="ICheckpointSource"/>. With no async consumer there is nothing to lag, and no lag series is reported;
/// before the first sample (and in processes that do not sample) nothing at all is.
/// </summary>
public sealed class ProjectionLag
{
    private readonly IDocumentStore store;
    private readonly IEnumerable<ICheckpointSource> sources;

    public ProjectionLag(IDocumentStore store, IEnumerable<ICheckpointSource> sources, IMeterFactory meters)
    {
        (this.store, this.sources) = (store, sources);
        var meter = meters.Create(Telemetry.MeterName);
        meter.CreateObservableGauge(Telemetry.EventsHead,
            () => Latest is { } s ? [new Measurement<long>(s.Head)] : Array.Empty<Measurement<long>>(),
            "{event}", "Sequence number of the last committed event.");
        meter.CreateObservableGauge(Telemetry.ProjectionLag,
            () => (Latest?.Consumers ?? []).Select(c => new Measurement<long>(c.Lag, new KeyValuePair<string, object?>("consumer", c.Name))),
            "{event}", "Events committed but not yet processed, per async projection shard or webhook subscription.");
    }

    public sealed record Snapshot(long Head, IReadOnlyList<(string Name, long Lag)> Consumers);

    public Snapshot? Latest { get; private set; }

    /// <summary>Reports nothing again, as before the first sample (a process that stopped leading).</summary>
    public void Forget() => Latest = null;

    public async Task<Snapshot> RefreshAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = EventTableNames.Of(store);
        var head = (await session.QueryAsync<long>($"select coalesce(max({events.SequenceColumn}), 0) from {events.Table}", ct)).Single();
        var checkpoints = (await store.Advanced.AllProjectionProgress(token: ct))
            .Select(s => new Checkpoint(s.ShardName, s.Sequence)).ToList();
        foreach (var source in sources) checkpoints.AddRange(await source.Checkpoints(ct));
        Latest = new Snapshot(head, checkpoints.Select(c => (c.Consumer, Math.Max(0, head - c.Sequence))).ToList());
        return Latest;
    }
}
