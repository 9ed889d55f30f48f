using CommitmentTracker.Infrastructure.Observability;
using Marten;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>Each subscription's stored checkpoint, so the projection-lag gauge shows how far its deliveries trail the log.</summary>
public sealed class WebhookCheckpoints(IDocumentStore store) : ICheckpointSource
{
    public async Task<IReadOnlyList<Checkpoint>> Checkpoints(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var subscriptions = await session.Query<WebhookSubscription>().ToListAsync(ct);
        var stored = (await session.LoadManyAsync<WebhookCheckpoint>(ct, subscriptions.Select(s => s.Id).ToArray()))
            .ToDictionary(c => c.Id, c => c.Sequence);
        return subscriptions.Select(s => new Checkpoint($"webhook:{s.Id}", stored.GetValueOrDefault(s.Id, s.StartAfter))).ToList();
    }
}
