using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Changes;

/// <summary>Rolled-back appends leave Marten tombstones in the sequence; readers of changes must not see them as changes.</summary>
public sealed class TombstoneTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_feed_and_the_audit_skip_tombstones_of_rolled_back_writes_but_page_past_them()
    {
        var commitment = await api.MadeCommitment("GE");
        var milestone = (await (await api.Admin().PostJson($"/api/commitments/{commitment}/milestones", Given.Milestone())).Json())["milestones"]![0]!["id"]!.GetValue<string>();
        // Racing retries with one Idempotency-Key queue on the stream's row lock; each loser appends, then fails on the
        // key's insert and rolls back after taking sequence numbers. Race until at least one has got that far.
        for (var round = 0; round < 10 && await Tombstones() == 0; round++)
        {
            var key = Guid.NewGuid().ToString();
            await Task.WhenAll(Enumerable.Range(1, 8).Select(_ =>
            {
                var client = api.Admin();
                client.DefaultRequestHeaders.Add("Idempotency-Key", key);
                return client.PostJson($"/api/commitments/{commitment}/milestones/{milestone}/progress", new { percent = 10 + round });
            }));
        }
        Assert.True(await Tombstones() > 0, "racing writers should have rolled back at least one append");

        var feed = await (await api.Anonymous().GetAsync("/api/changes?after=0&limit=1000")).Expect(HttpStatusCode.OK);
        var types = feed["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToArray();
        Assert.DoesNotContain(types, t => t.Contains("tombstone", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(await api.EventCount(), types.Length);

        var audit = await (await api.Admin().GetAsync("/api/audit?limit=1000")).Expect(HttpStatusCode.OK);
        Assert.Equal(await api.EventCount(), audit["items"]!.AsArray().Count);
    }

    private async Task<long> Tombstones()
    {
        await using var session = api.Store.QuerySession();
        return (await session.QueryAsync<long>($"select count(*) from {api.Schema}.mt_events where type = 'tombstone'")).Single();
    }
}
