using System.Net;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Limits;

public sealed class RateLimitTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    // The test server gives every request the same (empty) address, so all of these share one per-IP bucket of 10.
    // The buckets count time on the host's clock, which this test holds still: no token comes back mid-test, however
    // slow the machine (on the machine's stopwatch, 13 requests spanning a 6 s refill made this fail under load).
    // Caught when tried: the stopwatch-driven TokenBucketRateLimiter back in place (the key stays refused after 15 s).
    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_and_the_address_budget_caps_everyone()
    {
        var admin = api.As(Caller.Admin);
        for (var i = 0; i < 4; i++) await (await admin.Get("/api/members")).Expect(HttpStatusCode.OK);
        var refused = await admin.Get("/api/members");
        var problem = await refused.Expect(HttpStatusCode.TooManyRequests);
        // 4 a minute: one token every 15 s, and none of those 15 s has passed on the clock
        Assert.Equal(TimeSpan.FromSeconds(15), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(15, problem["retryAfterSeconds"]!.GetValue<int>());
        api.Clock.Advance(TimeSpan.FromSeconds(14));
        await (await admin.Get("/api/members")).Expect(HttpStatusCode.TooManyRequests);
        api.Clock.Advance(TimeSpan.FromSeconds(1)); // the 15th second: one token back for the key
        await (await admin.Get("/api/members")).Expect(HttpStatusCode.OK);

        // The key's five spent the address's tokens too (the refused ones did not reach the address bucket, and the
        // address's 10 a minute gave one back after 6 s and another after 12 s: 12 tokens in all by now), so anonymous
        // reads from the same address get the remaining seven, then are refused as well.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++) statuses.Add((await api.As(Caller.Anonymous).Get("/api/members")).StatusCode);
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Probes are never limited.
        await (await api.As(Caller.Anonymous).Get("/health/live")).Expect(HttpStatusCode.OK);
    }
}

public sealed class BodyLimitTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_body_over_one_mebibyte_is_413_and_writes_nothing()
    {
        var before = await api.EventCount();
        var huge = HttpJson.Serialize(Given.Member("UA", name: new string('ю', 600_000)));
        var response = await api.As(Caller.Admin).PostText("/api/members", huge);
        await response.Expect(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task A_streamed_body_without_length_is_cut_off_at_the_limit_too()
    {
        var before = await api.EventCount();
        var bytes = Encoding.UTF8.GetBytes(HttpJson.Serialize(Given.Member("UA", name: new string('x', 1_100_000))));
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/members") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await (await api.As(Caller.Admin).Send(request)).Expect(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task A_long_string_under_the_body_limit_is_a_field_error()
    {
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Admin).Post("/api/members", Given.Member("UA", name: new string('ա', 50_000))))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains(problem.ErrorFields(), f => f.StartsWith("name", StringComparison.Ordinal));
        Assert.Equal(before, await api.EventCount());
    }
}
