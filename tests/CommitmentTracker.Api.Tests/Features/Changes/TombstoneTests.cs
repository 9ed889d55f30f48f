using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Changes;

/// <summary>Rolled-back appends leave Marten tombstones in the sequence; readers of changes must not see them as changes.</summary>
public sealed class TombstoneTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_feed_and_the_audit_skip_tombstones_of_rolled_back_writes_but_page_past_them()
    {
        var plan = await api.OpenPlan("GE");
        // Racing retries with one idempotency key: all but one roll back after taking sequence numbers.
        var key = Guid.NewGuid().ToString();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
        {
            var client = api.Admin();
            client.DefaultRequestHeaders.Add("Idempotency-Key", key);
            return client.PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment());
        }));
        await using (var session = api.Store.QuerySession())
        {
            var tombstones = (await session.QueryAsync<long>($"select count(*) from {api.Schema}.mt_events where type = 'tombstone'")).Single();
            Assert.True(tombstones > 0, "the race should have rolled back at least one append");
        }

        var feed = await (await api.Anonymous().GetAsync("/api/changes?after=0&limit=1000")).Expect(HttpStatusCode.OK);
        var types = feed["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToArray();
        Assert.DoesNotContain(types, t => t.Contains("tombstone", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(await api.EventCount(), types.Length);

        var audit = await (await api.Admin().GetAsync("/api/audit?limit=1000")).Expect(HttpStatusCode.OK);
        Assert.Equal(await api.EventCount(), audit["items"]!.AsArray().Count);
    }
}
