using CommitmentTracker.Infrastructure.Hosting;

namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>
/// Refreshes <see cref="ProjectionLag"/> every <c>OpenTelemetry:LagSampleSeconds</c> (default 15) in the worker
/// process only: the lag is a property of the shared database, so one reporter is enough.
/// </summary>
public sealed class ProjectionLagSampler(ProjectionLag lag, WorkerOptions worker, IConfiguration config, ILogger<ProjectionLagSampler> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!worker.Enabled) return;
        // A sampling interval, not business time: it runs on the machine's clock, never on the injectable app clock.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("OpenTelemetry:LagSampleSeconds", 15)));
        do
        {
            try
            {
                await lag.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not sample projection lag");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
