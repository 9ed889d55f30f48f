using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using Marten;

namespace CommitmentTracker.Api.Tests.Features.Changes;

/// <summary>Rolled-back appends leave Marten tombstones in the sequence; readers of changes must not see them as changes.</summary>
public sealed class TombstoneTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_feed_and_the_audit_skip_tombstones_of_rolled_back_writes_but_page_past_them()
    {
        var commitment = await api.MadeCommitment("GE");
        var milestone = (await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones", Given.Milestone())).Json())["milestones"]![0]!["id"]!.GetValue<string>();
        // An append that takes sequence numbers and then rolls back, as a racing retry does when its Idempotency-Key's
        // insert fails: here the same session also inserts an API key that exists, so the commit fails every time.
        var existing = (await (await api.As(Caller.Admin).Post("/api/api-keys", new { name = "dup", role = "cso", organisation = "Test org" })).Json())["keyId"]!.GetValue<string>();
        await using (var query = api.Store.QuerySession())
        {
            var key = (await query.Query<ApiKey>().Where(k => k.Id.StartsWith(existing)).ToListAsync()).Single();
            await using var session = api.Store.LightweightSession();
            session.Events.Append(commitment, new MilestoneProgressReported(commitment, milestone, 10, MilestoneStatus.Scheduled, MilestoneStatus.Scheduled, "rolled back", [], "tester", api.Clock.Now));
            session.Insert(key);
            await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        }
        await Eventually.Holds(async () => await Tombstones() > 0, TimeSpan.FromSeconds(30));
        await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones/{milestone}/progress", new { percent = 30 })).Expect(HttpStatusCode.OK);

        var feed = await (await api.As(Caller.Anonymous).Get("/api/changes?after=0&limit=1000")).Expect(HttpStatusCode.OK);
        var types = feed["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToArray();
        Assert.DoesNotContain(types, t => t.Contains("tombstone", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(await api.EventCount(), types.Length);

        var audit = await (await api.As(Caller.Admin).Get("/api/audit?limit=1000")).Expect(HttpStatusCode.OK);
        Assert.Equal(await api.EventCount(), audit["items"]!.AsArray().Count);
    }

    private async Task<long> Tombstones()
    {
        await using var session = api.Store.QuerySession();
        return (await session.QueryAsync<long>($"select count(*) from {api.Schema}.mt_events where type = 'tombstone'")).Single();
    }
}
