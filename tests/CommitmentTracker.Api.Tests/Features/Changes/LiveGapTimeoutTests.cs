using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Changes;

/// <summary><c>ChangeFeed:LiveGapTimeout</c>: a sequence number held by a transaction that never ends stops the feed only that long.</summary>
public sealed class LiveGapTimeoutTests(ShortLiveGapApi api) : IClassFixture<ShortLiveGapApi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_gap_held_by_a_transaction_still_open_is_skipped_once_the_timeout_has_passed_and_not_before()
    {
        await api.RegisteredMember("KG");
        var before = (await Page("/api/changes?limit=1000"))["highWaterMark"]!.GetValue<long>();
        await using var held = await HeldSequenceNumber.Take(api);
        var reserved = held.Number;
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("KG", "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created);

        // Held while the transaction is young: the first read sees the gap and starts its clock.
        var clock = Stopwatch.StartNew();
        Assert.Empty((await Page($"/api/changes?after={before}"))["items"]!.AsArray());

        JsonArray items;
        while ((items = (await Page($"/api/changes?after={before}"))["items"]!.AsArray()).Count == 0)
        {
            Assert.True(clock.Elapsed < Patience, "a gap held by a live transaction was never skipped");
            await Task.Delay(100);
        }
        var skippedAfter = clock.Elapsed;
        // The holder is still open: only the timeout can have let the feed pass (without it the feed waits for the holder).
        Assert.True(held.StillOpen);
        Assert.True(skippedAfter >= ShortLiveGapApi.LiveGapTimeout - TimeSpan.FromMilliseconds(200),
            $"the gap was skipped after {skippedAfter.TotalMilliseconds:F0} ms, before the {ShortLiveGapApi.LiveGapTimeout} timeout");
        Assert.Equal("action_plan_drafted", Assert.Single(items)!["type"]!.GetValue<string>());
        Assert.True(items[0]!["sequence"]!.GetValue<long>() > reserved);
        await held.RollBack();
    }

    private async Task<JsonNode> Page(string url) => await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.OK);
}
