using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Features.Webhooks;

/// <summary>Signed webhook deliveries to a real HTTP receiver: signature, retry with order kept, survival of a restart, and who may subscribe.</summary>
public sealed class WebhookTests(FastWebhooksApi api, ITestOutputHelper output) : IClassFixture<FastWebhooksApi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_delivery_is_signed_with_the_secret_shown_once_and_a_tampered_body_fails_the_check()
    {
        await using var receiver = await WebhookReceiver.Start();
        await api.RegisteredMember("GE");
        var cso = await api.Key("cso");
        var created = await (await api.As(Caller.Key(cso)).Post("/api/webhooks", new { url = receiver.Url, member = "GE" })).Expect(HttpStatusCode.Created);
        var secret = created["secret"]!.GetValue<string>();
        var id = created["id"]!.GetValue<string>();
        Assert.Null((await (await api.As(Caller.Key(cso)).Get($"/api/webhooks/{id}")).Expect(HttpStatusCode.OK))["secret"]);

        var commitment = await api.MadeCommitment("GE");
        await Eventually.Holds(() => receiver.Delivered.Count >= 2, Patience); // plan drafted, commitment made
        var request = receiver.Requests[0];
        // A receiver's own verifier (deploy/scale-out/webhook-receiver.py, the one scale-out.sh uses) checks the real
        // signature: it accepts the delivery as sent, and refuses it with the body, the timestamp or the secret changed.
        // Caught when tried: signing the body without the "<t>." prefix.
        var (t, v1) = ParseSignature(request.Signature);
        Assert.True(await ReceiverAccepts(request.Signature, request.Sequence, request.Body, secret), "the receiver refused a genuine delivery");
        Assert.False(await ReceiverAccepts(request.Signature, request.Sequence, request.Body.Replace("GE", "AM"), secret), "a tampered body passed");
        Assert.False(await ReceiverAccepts($"t={t + 1},v1={v1}", request.Sequence, request.Body, secret), "a changed timestamp passed");
        Assert.False(await ReceiverAccepts(request.Signature, request.Sequence, request.Body, secret + "x"), "another secret passed");

        // The body carries the very item the feed shows for that sequence.
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(id, body["subscriptionId"]!.GetValue<string>());
        Assert.Equal(request.DeliveryId, body["deliveryId"]!.GetValue<string>());
        var feed = await (await api.As(Caller.Anonymous).Get($"/api/changes?after={request.Sequence - 1}&limit=1")).Expect(HttpStatusCode.OK);
        Assert.Equal(feed["items"]![0]!.ToJsonString(), body["event"]!.ToJsonString());
        Assert.Contains(receiver.Requests, r => JsonNode.Parse(r.Body)!["event"]!["streamId"]!.GetValue<string>() == commitment);
        Assert.All(receiver.Requests, r => Assert.StartsWith("GE", JsonNode.Parse(r.Body)!["event"]!["streamId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_the_event_on_the_third_attempt_and_later_events_wait_for_it()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.Answer = n => n <= 2 ? 500 : 200;
        var commitment = await api.MadeCommitment("AM");
        var milestone = (await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created))
            ["milestones"]![0]!["id"]!.GetValue<string>();
        var created = await (await api.As(Caller.Admin).Post("/api/webhooks",
            new { url = receiver.Url, commitment, eventTypes = new[] { "milestone_progress_reported" } })).Expect(HttpStatusCode.Created);

        for (var p = 10; p <= 30; p += 10)
            await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones/{milestone}/progress", new { percent = p })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/completion", new { completion = "Limited", reason = "Not this type" }))
            .Expect(HttpStatusCode.OK);
        await Eventually.Holds(() => receiver.Delivered.Count >= 3, Patience);

        var progress = (await Feed($"commitment={commitment}")).Where(i => i["type"]!.GetValue<string>() == "milestone_progress_reported")
            .Select(i => i["sequence"]!.GetValue<long>()).ToArray();
        Assert.Equal(3, progress.Length);
        Assert.Equal([progress[0], progress[0], progress[0], progress[1], progress[2]], receiver.Requests.Select(r => r.Sequence));
        Assert.Equal([500, 500, 200, 200, 200], receiver.Requests.Select(r => r.AnsweredWith));

        var id = created["id"]!.GetValue<string>();
        var log = await (await api.As(Caller.Admin).Get($"/api/webhooks/{id}/deliveries")).Expect(HttpStatusCode.OK);
        var attempts = log["items"]!.AsArray().Select(d => (Seq: d!["sequence"]!.GetValue<long>(), Attempt: d["attempt"]!.GetValue<int>(),
            Status: d["statusCode"]!.GetValue<int>(), Ok: d["succeeded"]!.GetValue<bool>())).ToArray();
        Assert.Equal([(progress[2], 1, 200, true), (progress[1], 1, 200, true), (progress[0], 3, 200, true), (progress[0], 2, 500, false), (progress[0], 1, 500, false)],
            attempts);
        Assert.Equal("HTTP 500", log["items"]![4]!["error"]!.GetValue<string>());
        await Eventually.Holds(async () => (await (await api.As(Caller.Admin).Get($"/api/webhooks/{id}")).Json())["deliveredThrough"]!.GetValue<long>() >= progress[2], Patience);
    }

    [Fact]
    public async Task A_restart_loses_nothing_and_keeps_the_order()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.Delay = TimeSpan.FromMilliseconds(100);
        var first = new FastWebhooksApi { DropSchemaOnDispose = false };
        await ((IAsyncLifetime)first).InitializeAsync();
        var plan = await first.OpenPlan("MD");
        var created = await (await first.As(Caller.Admin).Post("/api/webhooks", new { url = receiver.Url })).Expect(HttpStatusCode.Created);
        var from = created["deliveredThrough"]!.GetValue<long>();

        for (var i = 0; i < 8; i++)
            await (await first.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        await Eventually.Holds(() => receiver.Requests.Count >= 3, Patience);
        await first.Services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single().StopAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++) // written while nothing delivers
            await (await first.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        var stoppedAt = receiver.Requests.Count;
        await ((IAsyncLifetime)first).DisposeAsync();

        var second = new FastWebhooksApi { Schema = first.Schema };
        var restart = Stopwatch.StartNew();
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            var expected = (await AllSequences(second)).Where(s => s > from).ToArray();
            Assert.Equal(13, expected.Length);
            // The first host stopped mid-stream: it delivered some of the first 8 and none of the 5 written after the
            // stop (red when the dispatcher ignored StopAsync and kept delivering).
            Assert.InRange(stoppedAt, 3, 9); // 8, and at most the one in flight at the stop again
            Assert.All(receiver.Requests.Take(stoppedAt), r => Assert.True(r.Sequence <= expected[7], $"delivered {r.Sequence} after the stop"));
            await Eventually.Holds(() => receiver.Delivered.Distinct().Count() == expected.Length, Patience);
            output.WriteLine($"{stoppedAt} of {expected.Length} requests before the stop; the new host delivered the rest " +
                             $"({receiver.Requests.Count - stoppedAt} requests at 100 ms each) {restart.ElapsedMilliseconds} ms after it was created");

            var arrivals = receiver.Requests.Select(r => r.Sequence).ToArray();
            Assert.Equal(expected, arrivals.Distinct());
            Assert.True(arrivals.SequenceEqual(arrivals.Order()), "in order: " + string.Join(",", arrivals));
            Assert.True(arrivals.Length - expected.Length <= 1, "at most the event in flight at shutdown comes twice: " + string.Join(",", arrivals));
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    [Fact]
    public async Task An_api_replica_with_the_worker_off_does_not_deliver()
    {
        await using var receiver = await WebhookReceiver.Start();
        var replica = new WorkerOffApi();
        await ((IAsyncLifetime)replica).InitializeAsync();
        try
        {
            Assert.Empty(replica.Services.GetServices<IHostedService>().OfType<WebhookDispatcher>());
            await (await replica.As(Caller.Admin).Post("/api/webhooks", new { url = receiver.Url })).Expect(HttpStatusCode.Created);
            await replica.RegisteredMember("LT");
            Assert.NotEmpty((await (await replica.As(Caller.Anonymous).Get("/api/changes")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
            // No dispatcher is registered (above), so nothing can deliver: no wait is needed to see that nothing did.
            Assert.Empty(receiver.Requests);
        }
        finally
        {
            await ((IAsyncLifetime)replica).DisposeAsync();
        }
    }

    [Fact]
    public async Task Only_cso_and_admin_subscribe_owners_see_their_own_and_bad_values_are_400()
    {
        var poc = await api.Key("poc", await MemberCode("BY"));
        await (await api.As(Caller.Key(poc)).Post("/api/webhooks", new { url = "https://example.org/hook" })).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Post("/api/webhooks", new { url = "https://example.org/hook" })).Expect(HttpStatusCode.Unauthorized);

        var cso = await api.Key("cso");
        foreach (var url in new[] { "ftp://example.org/hook", "/relative/hook", "not a url", "" })
            Assert.Equal(["url"], (await (await api.As(Caller.Key(cso)).Post("/api/webhooks", new { url })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["eventTypes"], (await (await api.As(Caller.Key(cso)).Post("/api/webhooks",
            new { url = "https://example.org/hook", eventTypes = new[] { "milestone_stolen" } })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["member"], (await (await api.As(Caller.Key(cso)).Post("/api/webhooks",
            new { url = "https://example.org/hook", member = "ZZ" })).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        var mine = (await (await api.As(Caller.Key(cso)).Post("/api/webhooks", new { url = "https://example.org/hook", member = "BY" }))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var otherCso = await api.Key("cso");
        await (await api.As(Caller.Key(otherCso)).Get($"/api/webhooks/{mine}")).Expect(HttpStatusCode.NotFound);
        await (await api.As(Caller.Key(otherCso)).Delete($"/api/webhooks/{mine}")).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await api.As(Caller.Key(otherCso)).Get("/api/webhooks")).Expect(HttpStatusCode.OK)).AsArray(),
            h => h!["id"]!.GetValue<string>() == mine);
        Assert.Contains((await (await api.As(Caller.Admin).Get("/api/webhooks")).Expect(HttpStatusCode.OK)).AsArray(), h => h!["id"]!.GetValue<string>() == mine);

        var replaced = await (await api.As(Caller.Key(cso)).Put($"/api/webhooks/{mine}", JsonBody(new { url = "https://example.org/other", eventTypes = new[] { "commitment_made" } })))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("https://example.org/other", replaced["url"]!.GetValue<string>());
        Assert.Null(replaced["member"]);
        await (await api.As(Caller.Key(cso)).Delete($"/api/webhooks/{mine}")).Expect(HttpStatusCode.NoContent);
        await (await api.As(Caller.Key(cso)).Get($"/api/webhooks/{mine}")).Expect(HttpStatusCode.NotFound);
    }

    private async Task<string> MemberCode(string code)
    {
        await api.RegisteredMember(code);
        return code;
    }

    private static StringContent JsonBody(object value) => new(HttpJson.Serialize(value), Encoding.UTF8, "application/json");

    private async Task<JsonNode[]> Feed(string filter)
    {
        var page = await (await api.As(Caller.Anonymous).Get($"/api/changes?limit=1000&{filter}")).Expect(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!).ToArray();
    }

    private static (long T, string V1) ParseSignature(string header)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (long.Parse(parts["t"]), parts["v1"]);
    }

    /// <summary>Whether webhook-receiver.py --verify accepts this one delivery.</summary>
    private static async Task<bool> ReceiverAccepts(string signature, long sequence, string body, string secret)
    {
        var file = Path.GetTempFileName();
        try
        {
            var headers = new Dictionary<string, string> { ["x-ogp-signature"] = signature, ["x-ogp-event-sequence"] = sequence.ToString() };
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { headers, body }) + "\n");
            using var verify = Process.Start(new ProcessStartInfo("python3")
            {
                ArgumentList = { Path.Combine(Repo.Root, "deploy", "scale-out", "webhook-receiver.py"), "--verify", file, secret, "1" },
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            await verify.WaitForExitAsync();
            return verify.ExitCode == 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<List<long>> AllSequences(ApiFactory host)
    {
        await using var session = host.Store.QuerySession();
        return (await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").OrderBy(e => e.Sequence)
            .Select(e => e.Sequence).ToListAsync()).ToList();
    }
}
