using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Webhooks;

namespace CommitmentTracker.Api.Tests.Features.Webhooks;

/// <summary>How long a failed delivery waits before its retry, and the delivery log read page by page.</summary>
public sealed class WebhookRetryBoundsTests(FastWebhooksApi api) : IClassFixture<FastWebhooksApi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_retry_waits_a_uniform_time_up_to_a_ceiling_that_doubles_per_failure_and_stops_at_the_maximum()
    {
        var options = new WebhookOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(20) };
        // Ceilings 1, 2, 4, 8, 16 s, then the 20 s maximum, also far past the point where 2^n overflows a double's range.
        (int Failures, double CeilingSeconds)[] expected = [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 20), (7, 20), (64, 20), (int.MaxValue, 20)];
        foreach (var (failures, ceiling) in expected)
        {
            var waits = Enumerable.Range(0, 4000).Select(_ => options.Backoff(failures).TotalSeconds).ToArray();
            Assert.All(waits, w => Assert.InRange(w, 0, ceiling));
            // Full jitter spreads the waits over the whole range (a fixed wait, or one stuck at the base, fails here).
            // With 4000 uniform draws, missing either tenth of the range has odds of 0.9^4000.
            Assert.True(waits.Max() > 0.9 * ceiling, $"after {failures} failures no wait came near the ceiling {ceiling} s (max {waits.Max():F2})");
            Assert.True(waits.Min() < 0.1 * ceiling, $"after {failures} failures every wait was long (min {waits.Min():F2})");
        }
    }

    [Fact]
    public async Task The_delivery_log_pages_newest_attempt_first_with_its_total_and_refuses_a_bad_page_size()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.Answer = n => n <= 4 ? 503 : 200;
        var commitment = await api.MadeCommitment("UA");
        var created = await (await api.As(Caller.Admin).Post("/api/webhooks",
            new { url = receiver.Url, commitment, eventTypes = new[] { "commitment_completion_changed" } })).Expect(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/completion", new { completion = "Limited", reason = "Paged log" }))
            .Expect(HttpStatusCode.OK);
        await Eventually.Holds(() => receiver.Delivered.Count >= 1, Patience);
        await Eventually.Holds(async () => (await Log(id, 1, 200))["totalCount"]!.GetValue<long>() == 5, Patience);

        var all = (await Log(id, 1, 200))["items"]!.AsArray().Select(Attempt).ToArray();
        Assert.Equal([5, 4, 3, 2, 1], all.Select(a => a.Attempt));
        Assert.Equal([200, 503, 503, 503, 503], all.Select(a => a.Status));

        var pages = new List<JsonNode>();
        for (var page = 1; page <= 3; page++) pages.Add(await Log(id, page, 2));
        Assert.All(pages, p => Assert.Equal(5, p["totalCount"]!.GetValue<long>()));
        Assert.Equal([2, 2, 1], pages.Select(p => p["items"]!.AsArray().Count));
        Assert.Equal([1, 2, 3], pages.Select(p => p["pageNumber"]!.GetValue<int>()));
        Assert.Equal(all, pages.SelectMany(p => p["items"]!.AsArray()).Select(Attempt));
        Assert.Empty((await Log(id, 4, 2))["items"]!.AsArray());

        var refused = await (await api.As(Caller.Admin).Get($"/api/webhooks/{id}/deliveries?pageSize=0")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["pageSize"], refused.ErrorFields());
        refused = await (await api.As(Caller.Admin).Get($"/api/webhooks/{id}/deliveries?page=0&pageSize=201")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["page", "pageSize"], refused.ErrorFields().Order());
    }

    private async Task<JsonNode> Log(string id, int page, int pageSize) =>
        await (await api.As(Caller.Admin).Get($"/api/webhooks/{id}/deliveries?page={page}&pageSize={pageSize}")).Expect(HttpStatusCode.OK);

    private static (int Attempt, int Status) Attempt(JsonNode? d) => (d!["attempt"]!.GetValue<int>(), d["statusCode"]!.GetValue<int>());
}
