using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Infrastructure.Hosting;
using CommitmentTracker.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosting;

public sealed class HostingOptionsTests(ShortGraceReplicaApi api) : IClassFixture<ShortGraceReplicaApi>
{
    [Fact]
    public async Task An_api_replica_binds_its_role_and_shutdown_grace_and_runs_no_background_sampling()
    {
        Assert.False(api.Services.GetRequiredService<WorkerOptions>().Enabled);
        Assert.Equal(TimeSpan.FromSeconds(7), api.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

        // The sampler of a replica has returned at once instead of waiting for its next tick (a worker's never returns):
        // a condition, not a wait that could pass before the first tick. Caught when tried: the sampler without its
        // worker check.
        var sampler = api.Services.GetServices<IHostedService>().OfType<ProjectionLagSampler>().Single();
        Assert.True(sampler.ExecuteTask is { IsCompleted: true }, "a replica's lag sampler is still running");
        Assert.Null(api.Services.GetRequiredService<ProjectionLag>().Latest);
    }
}
