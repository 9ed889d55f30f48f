using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Features.Changes;

/// <summary>The change feed: every event once, in sequence order, even while writers race; filters by member and commitment.</summary>
public sealed class ChangeFeedTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_consumer_paging_while_writers_race_sees_every_event_once_in_order()
    {
        var plan = await api.OpenPlan("UA");
        var targets = new List<(string Id, string Milestone)>();
        for (var i = 0; i < 4; i++)
        {
            var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
            var id = made["id"]!.GetValue<string>();
            var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
            targets.Add((id, added["milestones"]![0]!["id"]!.GetValue<string>()));
        }

        // 4 writers report progress on their own commitments, 4 race to create commitments in one plan, and a pair races with
        // one If-Match, so losers roll back sequence numbers they took (gaps never filled) while others are still in flight.
        var writers = targets.Select(t => Task.Run(async () =>
        {
            for (var p = 1; p <= 15; p++)
                await (await api.As(Caller.Admin).Post($"/api/commitments/{t.Id}/milestones/{t.Milestone}/progress", new { percent = p })).Expect(HttpStatusCode.OK);
        })).Concat(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var c = 0; c < 6; c++)
                await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        }))).Append(Task.Run(async () =>
        {
            // Two writers with the same If-Match: the loser fails at commit, after it took its sequence numbers.
            var (id, milestone) = targets[0];
            for (var round = 0; round < 10; round++)
            {
                var etag = (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Headers.ETag!.Tag;
                var statuses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, $"/api/commitments/{id}/completion")
                        { Content = JsonContent.Create(new { completion = round % 2 == 0 ? "Limited" : "Substantial", reason = "Racing" }) };
                    request.Headers.TryAddWithoutValidation("If-Match", etag);
                    return (await api.As(Caller.Admin).Send(request)).StatusCode;
                }));
                Assert.All(statuses, st => Assert.Contains(st, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            }
        })).Append(Task.Run(async () =>
        {
            // An append that takes a sequence number, holds it a moment and rolls back: a gap that is first live, then dead.
            for (var round = 0; round < 20; round++)
            {
                await using var held = await HeldSequenceNumber.Take(api);
                await Task.Delay(Random.Shared.Next(10, 60));
                await held.RollBack();
            }
        })).ToArray();

        var seen = new List<long>();
        var after = 0L;
        var pages = 0;
        var clock = Stopwatch.StartNew();
        var writersDone = TimeSpan.Zero;
        while (true)
        {
            var writing = writers.Any(w => !w.IsCompleted);
            if (!writing && writersDone == TimeSpan.Zero) writersDone = clock.Elapsed;
            var page = await Page($"/api/changes?after={after}&limit=7");
            pages++;
            var items = page["items"]!.AsArray();
            seen.AddRange(items.Select(i => i!["sequence"]!.GetValue<long>()));
            var next = page["next"]!.GetValue<long>();
            Assert.True(next >= after, "next never goes back");
            Assert.True(next <= page["highWaterMark"]!.GetValue<long>(), "next never passes the high-water mark");
            after = next;
            if (!writing && items.Count == 0 && after == await MaxSequence()) break;
            Assert.True(clock.Elapsed < Patience, $"the consumer did not catch up: at {after} of {await MaxSequence()}");
            if (items.Count == 0) await Task.Delay(50);
        }
        await Task.WhenAll(writers);
        var caughtUp = clock.Elapsed - writersDone;

        var all = await AllSequences();
        var withTombstones = await AllSequences(tombstones: true);
        var rolledBack = withTombstones[^1] - withTombstones.Count;
        var timer = Stopwatch.StartNew();
        await Page("/api/changes?limit=1000");
        output.WriteLine($"{seen.Count} events in {pages} pages while 10 writers raced ({writersDone.TotalMilliseconds:F0} ms); " +
                         $"{rolledBack} rolled-back sequence numbers and {withTombstones.Count - all.Count} Marten tombstones passed; caught up {caughtUp.TotalMilliseconds:F0} ms after the last write; " +
                         $"a 1000-event page took {timer.ElapsedMilliseconds} ms");

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.True(seen.SequenceEqual(seen.Order()), "in increasing sequence");
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task The_feed_holds_before_a_sequence_number_still_in_flight_and_passes_it_once_rolled_back()
    {
        await api.RegisteredMember("AZ");
        var before = await MaxSequence();
        await using var held = await HeldSequenceNumber.Take(api);
        var reserved = held.Number;

        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("AZ", "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created);
        var waiting = await Page($"/api/changes?after={before}");
        Assert.Empty(waiting["items"]!.AsArray());
        Assert.True(waiting["highWaterMark"]!.GetValue<long>() < reserved);

        await held.RollBack();
        // Passed as soon as no transaction older than the gap is open (other test classes share this database).
        var clock = Stopwatch.StartNew();
        JsonArray items;
        while ((items = (await Page($"/api/changes?after={before}"))["items"]!.AsArray()).Count == 0)
        {
            Assert.True(clock.Elapsed < Patience, "the dead gap was never passed");
            await Task.Delay(50);
        }
        Assert.Equal("action_plan_drafted", Assert.Single(items)!["type"]!.GetValue<string>());
        Assert.True(items[0]!["sequence"]!.GetValue<long>() > reserved);
    }

    [Fact]
    public async Task Member_and_commitment_filters_return_exactly_their_streams_events()
    {
        var ge = await api.MadeCommitment("KG");
        await api.RegisteredMember("KG-BIS", kind: "Local", lang: "ky");
        var localPlan = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("KG-BIS", "2024-01-01", "2025-12-31", lang: "ky")))
            .Expect(HttpStatusCode.Created);
        var local = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{localPlan["id"]}/commitments", Given.Commitment(
            title: new Dictionary<string, string> { ["ky"] = "Бишкектеги кызматтарга мониторинг" }))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var other = await api.MadeCommitment("AM");
        var cso = await api.Key("cso");
        foreach (var id in new[] { ge, local, other })
            await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "Seen in the field" }))
                .Expect(HttpStatusCode.Created);
        var all = await Everything();

        var byMember = await Everything("&member=kg");
        var kgStreams = byMember.Select(i => i.StreamId).Distinct().Order().ToArray();
        Assert.Contains("KG", kgStreams);
        Assert.Contains(ge, kgStreams);
        Assert.Contains(kgStreams, s => s.StartsWith(ge + "~cso~", StringComparison.Ordinal));
        Assert.Contains(kgStreams, s => s.StartsWith("KG-AP", StringComparison.Ordinal));
        Assert.DoesNotContain(local, kgStreams); // a local member's commitment carries the country's prefix, but is not the nation's
        Assert.Equal(all.Where(i => kgStreams.Contains(i.StreamId)).Select(i => i.Sequence), byMember.Select(i => i.Sequence));

        var byCommitment = await Everything($"&commitment={local.ToLowerInvariant()}");
        Assert.Equal(all.Where(i => i.StreamId == local || i.StreamId.StartsWith(local + "~cso~", StringComparison.Ordinal)).Select(i => i.Sequence),
            byCommitment.Select(i => i.Sequence));
        Assert.Contains(byCommitment, i => i.Type == "cso_assessment_filed");

        Assert.Empty(await Everything($"&member=AM&commitment={ge}"));
    }

    [Fact]
    public async Task Items_carry_stream_type_version_actor_and_data_and_limit_pages()
    {
        await api.RegisteredMember("MD");
        var first = await Page("/api/changes?limit=2");
        var items = first["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal(items[1]!["sequence"]!.GetValue<long>(), first["next"]!.GetValue<long>());
        var member = (await Everything()).First(i => i.StreamId == "MD");
        Assert.Equal("member_registered", member.Type);
        var item = (await Page($"/api/changes?after={member.Sequence - 1}&limit=1"))["items"]![0]!;
        Assert.Equal(1, item["version"]!.GetValue<long>());
        Assert.Equal("admin", item["role"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(item["actor"]!.GetValue<string>()));
        Assert.Equal("MD", item["data"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=many", "limit")]
    public async Task Bad_paging_values_are_400_naming_the_field(string query, string field)
    {
        var problem = await (await api.As(Caller.Anonymous).Get($"/api/changes?{query}")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    private sealed record Item(long Sequence, string StreamId, string Type);

    private async Task<List<Item>> Everything(string filter = "")
    {
        var items = new List<Item>();
        var after = 0L;
        while (true)
        {
            var page = await Page($"/api/changes?after={after}&limit=1000{filter}");
            items.AddRange(page["items"]!.AsArray().Select(i =>
                new Item(i!["sequence"]!.GetValue<long>(), i["streamId"]!.GetValue<string>(), i["type"]!.GetValue<string>())));
            if (page["next"]!.GetValue<long>() == after) return items;
            after = page["next"]!.GetValue<long>();
        }
    }

    private async Task<JsonNode> Page(string url) => await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.OK);

    private async Task<long> MaxSequence() => (await AllSequences(tombstones: true)).DefaultIfEmpty(0).Max();

    /// <summary>Every event's sequence; Marten's tombstones (which fill the numbers of its rolled-back appends) are not changes.</summary>
    private async Task<List<long>> AllSequences(bool tombstones = false)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select seq_id from {api.Schema}.mt_events where $1 or type <> 'tombstone' order by seq_id", connection)
            { Parameters = { new NpgsqlParameter<bool> { TypedValue = tombstones } } };
        var all = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) all.Add(reader.GetInt64(0));
        return all;
    }
}
