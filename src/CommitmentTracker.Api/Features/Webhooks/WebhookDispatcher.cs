using System.Collections.Concurrent;
using System.Diagnostics;
using CommitmentTracker.Features.Changes;
using CommitmentTracker.Infrastructure.Hosting;
using Marten;
using Marten.Services;
using Npgsql;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>
/// Delivers the change feed to every subscription, in sequence order, at least once. Each subscription is pumped on its
/// own: it reads the feed after its stored checkpoint, POSTs one event at a time, and moves the checkpoint only after a
/// 2xx. A failure is logged and retried after a backoff; later events wait, so order holds. A restart resumes from the
/// checkpoint (the event in flight at shutdown is sent again). Registered only in worker processes (<c>Worker:Enabled</c>),
/// and runs only in the one that leads (<see cref="WorkerLeadership"/>): when the leader dies, the next leader resumes from
/// the same checkpoints.
/// </summary>
public sealed class WebhookDispatcher(
    IDocumentStore store, ChangeFeed feed, WebhookSender sender, WebhookOptions options, TimeProvider clock,
    WorkerLeadership leadership, ILogger<WebhookDispatcher> log) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, long> retryAt = new(); // monotonic timestamps; a backoff is not business time

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WarmUp(stoppingToken);
        await leadership.WhileLeading(Dispatch, stoppingToken);
    }

    /// <summary>
    /// A follower compiles Marten's code for the webhook documents and the feed's queries before it may lead: done on the
    /// first delivery instead, it added about 5 s to a takeover on 2 busy cores (deploy/failover.sh).
    /// </summary>
    private async Task WarmUp(CancellationToken ct)
    {
        try
        {
            await using (var unsaved = store.LightweightSession()) // the writes' code, compiled; nothing is saved
            {
                unsaved.Store(new WebhookCheckpoint(Guid.Empty, 0, 0, default));
                unsaved.Store(new WebhookDelivery(Guid.Empty, Guid.Empty, "", 0, "", 0, false, null, null, 0, default));
            }
            await using var session = store.QuerySession();
            session.Logger = Unlogged.Instance;
            await session.Query<WebhookSubscription>().Select(s => s.Id).Take(1).ToListAsync(ct);
            await session.Query<WebhookCheckpoint>().Where(c => c.Sequence >= 0).Select(c => c.Id).Take(1).ToListAsync(ct);
            await session.LoadAsync<WebhookSubscription>(Guid.Empty, ct);
            await session.LoadAsync<WebhookCheckpoint>(Guid.Empty, ct);
            var head = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
            await feed.Read(Math.Max(0, head - 1), 1, new ChangeFilter(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Webhook dispatcher warm-up failed; the first delivery compiles instead.");
        }
    }

    private async Task Dispatch(CancellationToken stoppingToken)
    {
        var running = new Dictionary<Guid, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = store.QuerySession();
                session.Logger = Unlogged.Instance; // a poll twice a second, forever, would drown the command log
                var ids = await session.Query<WebhookSubscription>().Select(s => s.Id).ToListAsync(stoppingToken);
                if (ids.Count > 0)
                {
                    // An idle store costs two queries per round, not one feed read per subscription.
                    var head = await store.Storage.Database.FetchHighestEventSequenceNumber(stoppingToken);
                    var caughtUp = (await session.Query<WebhookCheckpoint>().Where(c => c.Sequence >= head).Select(c => c.Id).ToListAsync(stoppingToken)).ToHashSet();
                    foreach (var id in ids.Where(id => !caughtUp.Contains(id) && (!running.TryGetValue(id, out var task) || task.IsCompleted) && IsDue(id)))
                        running[id] = Pump(id, stoppingToken);
                }
                foreach (var gone in running.Keys.Except(ids).Where(id => running[id].IsCompleted).ToList()) running.Remove(gone);
                await Task.Delay(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                log.LogError(e, "Webhook dispatch poll failed; trying again.");
                await Task.Delay(options.PollInterval, CancellationToken.None);
            }
        }
        await Task.WhenAll(running.Values);
    }

    private bool IsDue(Guid id) => !retryAt.TryGetValue(id, out var at) || Stopwatch.GetTimestamp() >= at;

    private async Task Pump(Guid id, CancellationToken ct)
    {
        try
        {
            while (await PumpBatch(id, ct)) { }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down: the event in flight was not confirmed, so the checkpoint still points before it
        }
        catch (Exception e)
        {
            log.LogError(e, "Webhook subscription {Subscription} failed to pump; it will be tried again.", id);
            retryAt[id] = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)options.RetryBaseDelay.TotalSeconds;
        }
    }

    /// <summary>Delivers one batch; true when there may be more to deliver right away.</summary>
    private async Task<bool> PumpBatch(Guid id, CancellationToken ct)
    {
        WebhookSubscription? subscription;
        WebhookCheckpoint? checkpoint;
        await using (var query = store.QuerySession())
        {
            subscription = await query.LoadAsync<WebhookSubscription>(id, ct);
            checkpoint = await query.LoadAsync<WebhookCheckpoint>(id, ct);
        }
        if (subscription is null) return false;
        checkpoint ??= new WebhookCheckpoint(id, subscription.StartAfter, 0, clock.GetUtcNow());
        var page = await feed.Read(checkpoint.Sequence, options.BatchSize, subscription.Filter, ct);
        foreach (var item in page.Items)
        {
            var delivery = await sender.Send(subscription, item, checkpoint.FailedAttempts + 1, ct);
            checkpoint = delivery.Succeeded
                ? checkpoint with { Sequence = item.Sequence, FailedAttempts = 0, UpdatedAt = delivery.At }
                : checkpoint with { FailedAttempts = delivery.Attempt, UpdatedAt = delivery.At };
            await Save(ct, delivery, checkpoint);
            if (!delivery.Succeeded)
            {
                retryAt[id] = Stopwatch.GetTimestamp() + (long)(options.Backoff(delivery.Attempt).TotalSeconds * Stopwatch.Frequency);
                return false;
            }
        }
        retryAt.TryRemove(id, out _);
        // Events the filter left out still move the checkpoint, so they are not read again.
        if (page.Next > checkpoint.Sequence) await Save(ct, checkpoint with { Sequence = page.Next });
        return page.Items.Count == options.BatchSize;
    }

    /// <summary>
    /// A short transaction per write: nothing stays open while a receiver answers, since an open transaction would hold
    /// back the feed's proof that a sequence gap is dead.
    /// </summary>
    private async Task Save(CancellationToken ct, params object[] documents)
    {
        await using var session = store.LightweightSession();
        session.StoreObjects(documents);
        await session.SaveChangesAsync(ct);
    }

    private sealed class Unlogged : IMartenSessionLogger
    {
        public static readonly Unlogged Instance = new();
        public void LogSuccess(NpgsqlCommand command) { }
        public void LogSuccess(NpgsqlBatch batch) { }
        public void LogFailure(NpgsqlCommand command, Exception ex) { }
        public void LogFailure(NpgsqlBatch batch, Exception ex) { }
        public void LogFailure(Exception ex, string message) { }
        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
        public void OnBeforeExecute(NpgsqlCommand command) { }
        public void OnBeforeExecute(NpgsqlBatch batch) { }
    }
}
