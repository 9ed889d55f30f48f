using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosting;

/// <summary>
/// Two worker hosts over one store: exactly one leads; when it goes, the other leads. A host over another schema leads
/// its own store. (deploy/failover.sh proves the same with kill -9 on real processes and webhook deliveries.)
/// </summary>
public sealed class WorkerLeadershipTests(FastLeadershipApi first) : IClassFixture<FastLeadershipApi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_worker_of_a_store_leads_and_the_leadership_moves_when_it_stops()
    {
        static WorkerLeadership Of(ApiFactory host) => host.Services.GetRequiredService<WorkerLeadership>();
        await Eventually.Holds(() => Of(first).IsLeader, Patience);

        var second = new FastLeadershipApi { Schema = first.Schema, DropSchemaOnDispose = false };
        var elsewhere = new FastLeadershipApi();
        await ((IAsyncLifetime)second).InitializeAsync();
        await ((IAsyncLifetime)elsewhere).InitializeAsync();
        try
        {
            await Eventually.Holds(() => Of(elsewhere).IsLeader, Patience); // another schema elects apart
            await Task.Delay(TimeSpan.FromSeconds(1)); // five polls
            Assert.True(Of(first).IsLeader);
            Assert.False(Of(second).IsLeader);

            await first.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<WorkerLeadership>().Single()
                .StopAsync(CancellationToken.None); // the leader goes; its lock is released
            await Eventually.Holds(() => Of(second).IsLeader, Patience);
            Assert.False(Of(first).IsLeader);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)elsewhere).DisposeAsync();
        }
    }
}
