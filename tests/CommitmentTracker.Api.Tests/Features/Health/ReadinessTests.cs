using System.Diagnostics;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Health;

public sealed class ReadinessTests(RelayedPostgresApi api) : IClassFixture<RelayedPostgresApi>
{
    [Fact]
    public async Task Ready_is_a_quick_503_problem_while_postgres_refuses_or_hangs_and_200_again_once_it_is_back()
    {
        var client = api.As(Caller.Anonymous);
        await (await client.Get("/health/ready")).Expect(HttpStatusCode.OK);

        // A refused connection fails the check; a server that accepts but never answers outlasts the check's timeout.
        foreach (var (failure, says) in new (Action, string)[] { (api.Relay.Refuse, "PostgreSQL is not reachable."), (api.Relay.Blackhole, "A timeout occurred while running check.") })
        {
            failure();
            var clock = Stopwatch.StartNew();
            var problem = await (await client.Get("/health/ready")).Expect(HttpStatusCode.ServiceUnavailable);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"{failure.Method.Name}: ready took {clock.Elapsed}");
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            Assert.Equal("Not ready.", problem["title"]!.GetValue<string>());
            Assert.Equal(says, problem["checks"]!["postgresql"]!.GetValue<string>());
            // liveness is about the process, not its dependencies: a restart would not bring the database back
            await (await client.Get("/health/live")).Expect(HttpStatusCode.OK);

            api.Relay.Restore();
            await Eventually.Holds(async () => (await client.Get("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        }
    }
}
