using CommitmentTracker.Infrastructure.Hosting;

namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>
/// Refreshes <see cref="ProjectionLag"/> every <c>OpenTelemetry:LagSampleSeconds</c> (default 15) in the leading worker
/// process only (<see cref="WorkerLeadership"/>): the lag is a property of the shared database, so one reporter is enough.
/// A process that stops leading stops reporting.
/// </summary>
public sealed class ProjectionLagSampler(ProjectionLag lag, WorkerLeadership leadership, OpenTelemetryOptions options, ILogger<ProjectionLagSampler> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.WhileLeading(Sample, stoppingToken);

    private async Task Sample(CancellationToken whileLeading)
    {
        try
        {
            // A sampling interval, not business time: it runs on the machine's clock, never on the injectable app clock.
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.LagSampleSeconds));
            do
            {
                try
                {
                    await lag.RefreshAsync(whileLeading);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Could not sample projection lag");
                }
            } while (await timer.WaitForNextTickAsync(whileLeading));
        }
        finally
        {
            lag.Forget();
        }
    }
}
