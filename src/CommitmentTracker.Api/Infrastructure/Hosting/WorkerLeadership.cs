using CommitmentTracker.Infrastructure.Marten;
using Medallion.Threading.Postgres;

namespace CommitmentTracker.Infrastructure.Hosting;

/// <summary>
/// Which worker process leads: the one holding a PostgreSQL session advisory lock (through DistributedLock, the library
/// Marten's own HotCold daemon uses), keyed by the store's schema so stores sharing a server elect apart. The others try
/// again every <c>Worker:LeadershipPollSeconds</c> (default 2). PostgreSQL frees the lock when the leader's connection
/// ends, killed process included, so leadership moves within one poll of the leader's death. Work that must run in one
/// process only (<see cref="WhileLeading"/>) starts when this process leads and is cancelled when it stops leading.
/// API replicas (<c>Worker:Enabled=false</c>) never take part.
/// </summary>
public sealed class WorkerLeadership(WorkerOptions worker, ConnectionStringsOptions connections, MartenSchemaOptions marten, ILogger<WorkerLeadership> log) : BackgroundService
{
    private volatile TaskCompletionSource<CancellationToken> term = NewTerm();

    /// <summary>True while this process holds the lock.</summary>
    public bool IsLeader => term.Task.IsCompletedSuccessfully && !term.Task.Result.IsCancellationRequested;

    /// <summary>
    /// Runs <paramref name="work"/> each time this process leads, with a token cancelled when it stops leading or the host
    /// stops. On an API replica it never runs.
    /// </summary>
    public async Task WhileLeading(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        if (!worker.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken lead;
            try
            {
                lead = await Leading(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lead);
            try
            {
                await work(both.Token);
                await Task.Delay(Timeout.Infinite, both.Token); // work that ends early waits for the next term
            }
            catch (OperationCanceledException) when (both.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<CancellationToken> Leading(CancellationToken ct)
    {
        while (true)
        {
            var lead = await term.Task.WaitAsync(ct);
            if (!lead.IsCancellationRequested) return lead;
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct); // a term just ended; the next one has a new task
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!worker.Enabled) return;
        var poll = TimeSpan.FromSeconds(worker.LeadershipPollSeconds);
        var connection = connections.Postgres!;
        var key = new PostgresAdvisoryLockKey($"ogp-worker-leader:{marten.Schema}", allowHashing: true);
        // The keepalive also notices a connection the server dropped, so a cut-off leader stops leading.
        var leaderLock = new PostgresDistributedLock(key, connection, o => o.KeepaliveCadence(poll));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var handle = await leaderLock.TryAcquireAsync(TimeSpan.Zero, stoppingToken);
                if (handle is null)
                {
                    await Task.Delay(poll, stoppingToken);
                    continue;
                }
                using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, handle.HandleLostToken);
                log.LogInformation("This worker process now leads (webhook dispatch, projection-lag sampling).");
                term.SetResult(held.Token);
                try
                {
                    await Task.Delay(Timeout.Infinite, held.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning("This worker process lost its leadership lock (connection lost); another one may lead now.");
                }
                finally
                {
                    term = NewTerm();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Could not try for the worker leadership; trying again.");
                await Task.Delay(poll, CancellationToken.None);
            }
        }
    }

    private static TaskCompletionSource<CancellationToken> NewTerm() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
